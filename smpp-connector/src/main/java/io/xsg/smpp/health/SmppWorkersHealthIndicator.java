package io.xsg.smpp.health;

import io.xsg.smpp.LinkRuntime;
import io.xsg.smpp.SmppConnectors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN once a link's submitter or MO reassembly thread has died of an unexpected error: the link is then bound but
 * does nothing, which only a restart mends. Part of the liveness group, unlike the bind state.
 */
public final class SmppWorkersHealthIndicator implements HealthIndicator {

    private final SmppConnectors connectors;

    public SmppWorkersHealthIndicator(SmppConnectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Health health() {
        boolean alive = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (LinkRuntime link : connectors.links()) {
            boolean ok = link.workersAlive();
            alive &= ok;
            details.put(link.id(), ok ? "running" : "stopped");
        }
        return (alive ? Health.up() : Health.down()).withDetails(details).build();
    }
}
