package io.xsg.smsc;

import io.xsg.sms.segment.Sar;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted submit_sm as the simulator received it, for tests to assert on.
 *
 * @param validityPeriod the raw SMPP string, empty when absent
 * @param messagePayload the message_payload TLV value, or {@code null} when absent
 * @param messageId      the id returned in submit_sm_resp, in the configured {@link ResponseIdFormat}
 */
public record SubmittedPdu(
        int sequenceNumber,
        String systemId,
        SimAddress source,
        SimAddress destination,
        int dataCoding,
        int esmClass,
        int registeredDelivery,
        String validityPeriod,
        byte[] shortMessage,
        Optional<Sar> sar,
        byte[] messagePayload,
        String messageId,
        Instant arrivedAt) {

    public SubmittedPdu {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        validityPeriod = validityPeriod == null ? "" : validityPeriod;
        shortMessage = shortMessage == null ? new byte[0] : shortMessage.clone();
        sar = sar == null ? Optional.empty() : sar;
        messagePayload = messagePayload == null ? null : messagePayload.clone();
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    @Override
    public byte[] messagePayload() {
        return messagePayload == null ? null : messagePayload.clone();
    }

    public boolean hasMessagePayload() {
        return messagePayload != null;
    }

    /** The bytes that carry the message: message_payload when present, short_message otherwise. */
    public byte[] userDataBytes() {
        return hasMessagePayload() ? messagePayload() : shortMessage();
    }

    public boolean udhIndicator() {
        return (esmClass & 0x40) != 0;
    }

    @Override
    public String toString() {
        return "SubmittedPdu[seq=" + sequenceNumber + ", systemId=" + systemId + ", " + source.msisdn() + " -> "
                + destination.msisdn() + ", dcs=" + dataCoding + ", esm=" + esmClass + ", rd=" + registeredDelivery
                + ", sar=" + sar.orElse(null) + ", id=" + messageId + "]";
    }
}
