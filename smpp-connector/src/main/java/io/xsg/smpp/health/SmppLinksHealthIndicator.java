package io.xsg.smpp.health;

import io.xsg.smpp.LinkRuntime;
import io.xsg.smpp.SmppConnectors;
import io.xsg.smpp.link.LinkState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP only while every link is bound: a connector that cannot reach its SMSC is not ready to take traffic (in
 * Kubernetes it drops out of readiness, while liveness stays with the process). Details show each link's state
 * and window use.
 */
public final class SmppLinksHealthIndicator implements HealthIndicator {

    private final SmppConnectors connectors;

    public SmppLinksHealthIndicator(SmppConnectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Health health() {
        boolean allBound = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (LinkRuntime link : connectors.links()) {
            LinkState state = link.state();
            allBound &= state == LinkState.BOUND;
            details.put(link.id(), Map.of("state", state.name(), "window", link.windowInUse() + "/" + link.window()));
        }
        return (allBound ? Health.up() : Health.down()).withDetails(details).build();
    }
}
