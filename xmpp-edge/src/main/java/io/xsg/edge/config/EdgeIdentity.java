package io.xsg.edge.config;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This edge's id and the id of this run of it, which tells the directory's housekeeping about restarts. */
@Component
public class EdgeIdentity {

    private final String edgeId;
    private final String incarnation = UUID.randomUUID().toString();

    public EdgeIdentity(EdgeProperties properties) {
        this.edgeId = properties.edgeId();
    }

    public String edgeId() {
        return edgeId;
    }

    public String incarnation() {
        return incarnation;
    }
}
