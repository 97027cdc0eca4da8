package io.xsg.sms.segment;

/**
 * Values of the SMPP 3.4 sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs.
 *
 * @param reference 16-bit reference shared by all parts
 * @param total number of parts, 1..255
 * @param sequence 1-based position, 1..total
 */
public record Sar(int reference, int total, int sequence) {

    /** Checks the values fit their TLVs. */
    public Sar {
        if (reference < 0 || reference > 0xFFFF) {
            throw new IllegalArgumentException("sar_msg_ref_num must be 0..65535, was " + reference);
        }
        if (total < 1 || total > 255 || sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("SAR segment " + sequence + " of " + total);
        }
    }
}
