package io.xsg.events.v1.sms;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of submitting one {@link SmsSubmitRequest}: every segment accepted, or why not.
 *
 * @param submitId      the request's id
 * @param linkId        the link that handled it
 * @param destination   the handset
 * @param outcome       what happened
 * @param messageIds    the SMSC's id for each accepted segment, in segment order, normalised per the link's id
 *                      format so that receipts match them
 * @param segments      how many segments the text needed
 * @param commandStatus the SMPP command_status of the failing response, or {@code null}
 * @param detail        a human-readable reason when not accepted
 * @param at            when the outcome was known
 * @param correlationId echoed from the request
 * @param requester     echoed from the request
 */
public record SmsSubmitResult(String submitId, String linkId, String destination, Outcome outcome,
                              List<String> messageIds, int segments, Integer commandStatus, String detail,
                              Instant at, String correlationId, String requester) implements SmscEvent {

    public enum Outcome {
        /** Every segment was accepted by the SMSC; receipts follow if asked for. */
        ACCEPTED,
        /** The SMSC refused it permanently, or it cannot be sent (bad number, text too long). */
        REJECTED,
        /** Its expiry passed before it could be submitted, so it was dropped, not sent late. */
        EXPIRED
    }

    public SmsSubmitResult {
        Objects.requireNonNull(submitId, "submitId");
        Objects.requireNonNull(outcome, "outcome");
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
    }

    @Override
    public String handset() {
        return destination;
    }
}
