package io.xsg.sms.segment;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An inbound short message's user data with its UDH or SAR concatenation data taken off.
 *
 * @param userData the text bytes, without UDH
 * @param concat where the part belongs, or null for a message on its own
 */
public record InboundUserData(byte[] userData, ConcatInfo concat) {

    /** esm_class bit: short_message starts with a user data header. */
    public static final int UDHI = 0x40;

    private static final int IEI_CONCAT_8 = 0x00;
    private static final int IEI_CONCAT_16 = 0x08;

    /** Copies the array. */
    public InboundUserData {
        userData = Objects.requireNonNull(userData, "userData").clone();
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /**
     * Splits a received short_message (or message_payload). With UDHI set in esm_class the UDH is read per
     * 3GPP TS 23.040 §9.2.3.24: UDHL, then information elements (IEI, length, data); elements other than the
     * two concatenation ones are skipped, and when several concatenation elements occur the last one counts
     * (§9.2.3.24: a repeated element's last occurrence applies). Without a concatenation element the SAR
     * TLVs, when all three are present, say where the part belongs; a UDH element wins over SAR TLVs.
     *
     * @throws IllegalArgumentException for a malformed UDH (lengths past the end, total 0, sequence 0 or past
     *     the total) or an incomplete or out-of-range set of SAR TLVs
     */
    public static InboundUserData parse(int esmClass, byte[] shortMessage, Integer sarReference, Integer sarTotal,
            Integer sarSequence) {
        Objects.requireNonNull(shortMessage, "shortMessage");
        ConcatInfo concat = null;
        int bodyStart = 0;
        if ((esmClass & UDHI) != 0) {
            if (shortMessage.length == 0) {
                throw new IllegalArgumentException("UDHI set but short_message is empty");
            }
            int udhl = shortMessage[0] & 0xFF;
            bodyStart = 1 + udhl;
            if (bodyStart > shortMessage.length) {
                throw new IllegalArgumentException("UDH length " + udhl + " runs past the end of the "
                        + shortMessage.length + "-octet short_message");
            }
            concat = readElements(shortMessage, 1, bodyStart);
        }
        if (concat == null) {
            concat = sar(sarReference, sarTotal, sarSequence);
        }
        return new InboundUserData(Arrays.copyOfRange(shortMessage, bodyStart, shortMessage.length), concat);
    }

    private static ConcatInfo readElements(byte[] data, int from, int end) {
        ConcatInfo concat = null;
        int i = from;
        while (i < end) {
            if (i + 2 > end) {
                throw new IllegalArgumentException("UDH information element at octet " + i + " has no length octet");
            }
            int iei = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            int value = i + 2;
            if (value + length > end) {
                throw new IllegalArgumentException(String.format(
                        "UDH information element 0x%02X of length %d at octet %d runs past the UDH end at %d",
                        iei, length, i, end));
            }
            if (iei == IEI_CONCAT_8) {
                expectLength(iei, length, 3);
                concat = concat(data[value] & 0xFF, data[value + 1] & 0xFF, data[value + 2] & 0xFF, false);
            } else if (iei == IEI_CONCAT_16) {
                expectLength(iei, length, 4);
                int reference = ((data[value] & 0xFF) << 8) | (data[value + 1] & 0xFF);
                concat = concat(reference, data[value + 2] & 0xFF, data[value + 3] & 0xFF, true);
            }
            i = value + length;
        }
        return concat;
    }

    private static void expectLength(int iei, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(String.format(
                    "UDH concatenation element 0x%02X has length %d, expected %d", iei, length, expected));
        }
    }

    private static ConcatInfo concat(int reference, int total, int sequence, boolean sixteenBit) {
        String which = sixteenBit ? "UDH element 0x08" : "UDH element 0x00";
        if (total == 0) {
            throw new IllegalArgumentException(which + ": total parts is 0");
        }
        if (sequence == 0 || sequence > total) {
            throw new IllegalArgumentException(which + ": sequence " + sequence + " outside 1.." + total);
        }
        return new ConcatInfo(reference, total, sequence, sixteenBit);
    }

    private static ConcatInfo sar(Integer reference, Integer total, Integer sequence) {
        if (reference == null && total == null && sequence == null) {
            return null;
        }
        if (reference == null || total == null || sequence == null) {
            throw new IllegalArgumentException("incomplete SAR TLVs: sar_msg_ref_num=" + reference
                    + " sar_total_segments=" + total + " sar_segment_seqnum=" + sequence);
        }
        if (reference < 0 || reference > 0xFFFF) {
            throw new IllegalArgumentException("sar_msg_ref_num " + reference + " outside 0..65535");
        }
        if (total < 1 || total > 255) {
            throw new IllegalArgumentException("sar_total_segments " + total + " outside 1..255");
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sar_segment_seqnum " + sequence + " outside 1.." + total);
        }
        return new ConcatInfo(reference, total, sequence, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundUserData
                && Arrays.equals(userData, ((InboundUserData) o).userData)
                && Objects.equals(concat, ((InboundUserData) o).concat);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(userData) + Objects.hashCode(concat);
    }

    @Override
    public String toString() {
        return "InboundUserData[userData=" + HexFormat.of().formatHex(userData) + ", concat=" + concat + "]";
    }
}
