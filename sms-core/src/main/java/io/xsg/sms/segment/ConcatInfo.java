package io.xsg.sms.segment;

/**
 * Where one inbound part belongs: from a concatenation UDH element or from SAR TLVs.
 *
 * @param reference the sender's reference, 0..255 or 0..65535
 * @param total number of parts, 1..255
 * @param sequence 1-based position, 1..total
 * @param sixteenBitReference true for UDH element 0x08 and for SAR (whose reference TLV is 16-bit)
 */
public record ConcatInfo(int reference, int total, int sequence, boolean sixteenBitReference) {

    /** Checks the numbers are consistent. */
    public ConcatInfo {
        int maxReference = sixteenBitReference ? 0xFFFF : 0xFF;
        if (reference < 0 || reference > maxReference) {
            throw new IllegalArgumentException("concatenation reference " + reference + " outside 0.." + maxReference);
        }
        if (total < 1 || total > 255) {
            throw new IllegalArgumentException("concatenation total " + total + " outside 1..255");
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("concatenation sequence " + sequence + " outside 1.." + total);
        }
    }
}
