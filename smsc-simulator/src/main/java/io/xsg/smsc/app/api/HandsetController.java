package io.xsg.smsc.app.api;

import io.xsg.smsc.app.SmscSimulatorProperties;
import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.handset.HandsetMessage;
import io.xsg.smsc.handset.HandsetSummary;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** The simulated handsets: their threads, and SMS sent from them. */
@RestController
@RequestMapping("/api")
class HandsetController {
    private static final Logger log = LoggerFactory.getLogger(HandsetController.class);

    private final SmscSimulator simulator;
    private final String virtualNumbersUrl;
    private final RestClient gateway = RestClient.builder()
            .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(
                    java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build()))
            .build();

    HandsetController(SmscSimulator simulator, SmscSimulatorProperties properties) {
        this.simulator = simulator;
        this.virtualNumbersUrl = properties.virtualNumbersUrl();
    }

    @GetMapping("/handsets")
    List<HandsetSummary> handsets() {
        return simulator.handsets().handsets();
    }

    @GetMapping("/handsets/{msisdn}/messages")
    List<HandsetMessage> messages(@PathVariable String msisdn) {
        return simulator.handsets().messages(msisdn);
    }

    /**
     * The parties the gateway shows this handset as virtual numbers ({@code number}, {@code jid}), asked of the gateway
     * at {@code smsc.virtual-numbers-url}; empty when that is not set or the gateway does not answer (the page then
     * shows numbers only).
     */
    @GetMapping("/handsets/{msisdn}/virtual-numbers")
    List<Map<String, Object>> virtualNumbers(@PathVariable String msisdn) {
        if (virtualNumbersUrl.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, Object>> mappings = gateway.get().uri(virtualNumbersUrl, msisdn).retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<>() {
                    });
            return mappings == null ? List.of() : mappings;
        } catch (RuntimeException e) {
            log.debug("virtual numbers of {} unknown: {}", msisdn, e.toString());
            return List.of();
        }
    }

    /**
     * 202 once the deliver_sm are on their way (their outcome shows in the handset's thread), 409
     * when no ESME can receive.
     */
    @PostMapping("/mo")
    ResponseEntity<Map<String, Object>> sendMo(@Valid @RequestBody MoRequest request) {
        CompletableFuture<Void> sent = simulator.injectMo(request.from(), request.to(), request.text(),
                request.concatenationMode(), request.shuffleParts());
        if (sent.isCompletedExceptionally()) {
            // the "nobody bound" failure is immediate: surface it as this request's answer
            try {
                sent.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw e;
            }
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.info("MO from {} to {} failed: {}", request.from(), request.to(), failure.getMessage());
            }
        });
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("from", request.from(), "to", request.to(),
                "mode", request.concatenationMode().name(), "status", "SENDING"));
    }
}
