package io.xsg.sms.segment;

import io.xsg.sms.text.SmsAlphabet;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One PDU's worth of an outgoing message, as {@link Segmenter} cut it. Arrays are copied in and out, so a
 * segment can be shared between threads and retried without fear of a caller changing it.
 *
 * @param sequence 1-based position in the message
 * @param total number of parts of the message (1 for a single message and for message_payload)
 * @param alphabet what {@code userData} is encoded in
 * @param udh the user data header including its length octet, or null when there is none
 * @param userData encoded text of this part, without UDH (GSM septets unpacked, one per byte)
 * @param sar SAR TLV values, or null unless the message is concatenated with SAR
 * @param messagePayload true when the whole text goes in the message_payload TLV with an empty short_message
 */
public record Segment(int sequence, int total, SmsAlphabet alphabet, byte[] udh, byte[] userData, Sar sar,
        boolean messagePayload) {

    private static final byte[] EMPTY = new byte[0];

    /** Checks the parts fit together and copies the arrays. */
    public Segment {
        Objects.requireNonNull(alphabet, "alphabet");
        Objects.requireNonNull(userData, "userData");
        if (total < 1 || total > 255 || sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("segment " + sequence + " of " + total);
        }
        if (messagePayload && (udh != null || sar != null || total != 1)) {
            throw new IllegalArgumentException("a message_payload segment is the only one and has no UDH or SAR");
        }
        if (udh != null && sar != null) {
            throw new IllegalArgumentException("a segment has a UDH or SAR TLVs, not both");
        }
        udh = udh == null ? null : udh.clone();
        userData = userData.clone();
    }

    @Override
    public byte[] udh() {
        return udh == null ? null : udh.clone();
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /** The SMPP data_coding to send. */
    public byte dataCoding() {
        return alphabet.dataCoding();
    }

    /** Whether esm_class must carry UDHI (0x40). */
    public boolean udhIndicator() {
        return udh != null;
    }

    /** The short_message field: UDH then user data; empty when the text goes in message_payload. */
    public byte[] shortMessage() {
        if (messagePayload) {
            return EMPTY.clone();
        }
        if (udh == null) {
            return userData.clone();
        }
        byte[] out = Arrays.copyOf(udh, udh.length + userData.length);
        System.arraycopy(userData, 0, out, udh.length, userData.length);
        return out;
    }

    /** The message_payload TLV value, or null when this segment travels in short_message. */
    public byte[] payload() {
        return messagePayload ? userData.clone() : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment
                && sequence == ((Segment) o).sequence
                && total == ((Segment) o).total
                && alphabet == ((Segment) o).alphabet
                && Arrays.equals(udh, ((Segment) o).udh)
                && Arrays.equals(userData, ((Segment) o).userData)
                && Objects.equals(sar, ((Segment) o).sar)
                && messagePayload == ((Segment) o).messagePayload;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, total, alphabet, Arrays.hashCode(udh), Arrays.hashCode(userData), sar,
                messagePayload);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Segment[" + sequence + "/" + total + " " + alphabet
                + (udh == null ? "" : " udh=" + hex.formatHex(udh))
                + (sar == null ? "" : " " + sar)
                + (messagePayload ? " message_payload" : "")
                + " userData=" + hex.formatHex(userData) + "]";
    }
}
