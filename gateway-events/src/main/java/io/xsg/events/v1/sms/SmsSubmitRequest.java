package io.xsg.events.v1.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * One text to send to one handset through one SMSC link. Published on that link's submit topic keyed by
 * {@link #destination()}, so one handset's messages stay in one partition, in order.
 *
 * @param submitId      unique; the submit result and receipts refer to it, and a consumer that sees it twice
 *                      knows it is a redelivery
 * @param linkId        the SMSC link that must send it
 * @param source        the originator the handset sees
 * @param destination   the handset, E.164 with {@code +}
 * @param text          the message; the connector chooses the alphabet and splits it
 * @param encoding      {@code AUTO}, {@code GSM7}, {@code LATIN1} or {@code UCS2}; {@code null} means the link's default
 * @param receipt       ask the SMSC for a delivery receipt ({@code registered_delivery})
 * @param expiresAt     after this the message is obsolete: it becomes the SMPP validity period, and the connector
 *                      drops it rather than submitting it late
 * @param createdAt     when it was queued
 * @param correlationId opaque to the connector (the XMPP stanza id); echoed in the submit result
 * @param requester     opaque to the connector (the XMPP sender's JID); echoed in the submit result
 */
public record SmsSubmitRequest(String submitId, String linkId, SmsSource source, String destination, String text,
                               String encoding, boolean receipt, Instant expiresAt, Instant createdAt,
                               String correlationId, String requester) {

    public SmsSubmitRequest {
        Objects.requireNonNull(submitId, "submitId");
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
