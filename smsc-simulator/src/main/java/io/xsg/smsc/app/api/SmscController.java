package io.xsg.smsc.app.api;

import io.xsg.smsc.BoundSession;
import io.xsg.smsc.SmscSimulator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The SMSC side: binds, the submit journal, and fault injection. */
@RestController
@RequestMapping("/api")
@Validated
class SmscController {
    private final SmscSimulator simulator;

    SmscController(SmscSimulator simulator) {
        this.simulator = simulator;
    }

    @GetMapping("/binds")
    List<BoundSession> binds() {
        return simulator.boundSessions();
    }

    /** The newest {@code limit} accepted submits, oldest first. */
    @GetMapping("/submits")
    List<SubmitView> submits(@RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return simulator.lastSubmitted(limit).stream().map(SubmitView::of).toList();
    }

    @PostMapping("/faults/drop")
    Map<String, Object> drop() {
        return Map.of("dropped", simulator.dropConnections());
    }

    @PutMapping("/faults/unresponsive")
    Map<String, Object> unresponsive(@Valid @RequestBody UnresponsiveRequest request) {
        simulator.setUnresponsive(request.enabled());
        return Map.of("unresponsive", simulator.isUnresponsive());
    }

    @PostMapping("/faults/fail-next")
    Map<String, Object> failNext(@Valid @RequestBody FailNextRequest request) {
        simulator.failNext(request.count(), request.commandStatus());
        return Map.of("failuresLeft", simulator.failuresLeft(), "commandStatus", request.commandStatus());
    }
}
