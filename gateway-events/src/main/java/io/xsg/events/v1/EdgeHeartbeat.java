package io.xsg.events.v1;

import java.util.Objects;

/**
 * An edge's sign of life, on a compacted topic keyed by edge id. An edge whose heartbeat stops, or that comes
 * back with another incarnation, has its session directory entries removed.
 */
public record EdgeHeartbeat(String edgeId, String incarnation, long sentAt, long intervalMillis) {

    public EdgeHeartbeat {
        Objects.requireNonNull(edgeId, "edgeId");
        Objects.requireNonNull(incarnation, "incarnation");
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be positive");
        }
    }
}
