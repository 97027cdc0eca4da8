package io.xsg.smsc.handset;

import java.time.Instant;
import java.util.Objects;

/**
 * One SMS in a simulated handset's thread.
 *
 * @param id     unique within the simulator run, increasing
 * @param peer   the other party: the MT's source address, or the MO's destination
 * @param parts  segments the text travelled in
 * @param status MT: {@code SUBMITTED}, then the receipt's stat ({@code DELIVRD}, {@code UNDELIV},
 *               {@code EXPIRED}, ...), {@code PARTIAL} for an incomplete long SMS; MO: {@code SENDING},
 *               {@code ACCEPTED}, or {@code FAILED ...}
 */
public record HandsetMessage(long id, Direction direction, String peer, String text, Instant at, int parts, String status) {
    public HandsetMessage {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
    }

    HandsetMessage withStatus(String newStatus) {
        return new HandsetMessage(id, direction, peer, text, at, parts, newStatus);
    }
}
