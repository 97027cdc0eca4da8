package io.xsg.edge.transport;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up when the listeners are bound and the delivery consumer is positioned on the edge's topic. */
@Component("xmppEdgeHealthIndicator")
class EdgeHealthIndicator implements HealthIndicator {

    private final EdgeLifecycle edge;

    EdgeHealthIndicator(EdgeLifecycle edge) {
        this.edge = edge;
    }

    @Override
    public Health health() {
        var server = edge.server();
        var builder = edge.ready() ? Health.up() : Health.down();
        return builder.withDetail("c2sPort", server.port()).withDetail("directTlsPort", server.directTlsPort())
                .build();
    }
}
