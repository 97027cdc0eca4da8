package io.xsg.edge.config;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** This edge's id and the id of this run of it, which tells the directory's housekeeping about restarts. */
@Component
public class EdgeIdentity {

    private final String edgeId;
    private final String incarnation = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    public EdgeIdentity(EdgeProperties properties) {
        this.edgeId = properties.edgeId();
    }

    public String edgeId() {
        return edgeId;
    }

    public String incarnation() {
        return incarnation;
    }

    /**
     * A unique id for a received stanza: this run's id and a counter. Cheaper per stanza than a random UUID (whose
     * SecureRandom is shared by every event loop) and still unique across edges and restarts.
     */
    public String nextEventId() {
        return incarnation + ":" + Long.toString(sequence.incrementAndGet(), 36);
    }
}
