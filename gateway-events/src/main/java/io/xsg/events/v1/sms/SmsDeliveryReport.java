package io.xsg.events.v1.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery receipt for one segment.
 *
 * @param linkId     the link it arrived on
 * @param messageId  the SMSC message id, normalised as in {@link SmsSubmitResult#messageIds()}
 * @param handset    the handset the segment was for
 * @param state      the receipt state: DELIVERED, EXPIRED, DELETED, UNDELIVERABLE, ACCEPTED, UNKNOWN, REJECTED,
 *                   ENROUTE or SKIPPED
 * @param finalState whether the SMSC will say no more about this segment
 * @param errorCode  the network error code the SMSC gave, or {@code null}
 * @param doneAt     when the SMSC says it reached that state, or {@code null}
 * @param receivedAt when the connector received it
 */
public record SmsDeliveryReport(String linkId, String messageId, String handset, String state, boolean finalState,
                                String errorCode, Instant doneAt, Instant receivedAt) implements SmscEvent {

    public SmsDeliveryReport {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(state, "state");
    }
}
