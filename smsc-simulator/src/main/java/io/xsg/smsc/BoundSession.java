package io.xsg.smsc;

import java.time.Instant;

/**
 * A bound ESME session as the simulator sees it.
 *
 * @param bindType {@code TRANSCEIVER}, {@code TRANSMITTER} or {@code RECEIVER}
 */
public record BoundSession(
        long sessionId,
        String systemId,
        String bindType,
        String remoteAddress,
        Instant boundAt,
        long submitsReceived,
        long deliversSent,
        int deliversAwaitingResponse) {
}
