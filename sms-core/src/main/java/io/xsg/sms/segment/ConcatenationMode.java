package io.xsg.sms.segment;

/** How the parts of a long message are tied together (3GPP TS 23.040 §9.2.3.24, SMPP 3.4 §5.3.2). */
public enum ConcatenationMode {
    /** UDH information element 0x00, 8-bit reference; 6-octet UDH. */
    UDH8,
    /** UDH information element 0x08, 16-bit reference; 7-octet UDH. */
    UDH16,
    /** sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs; the SMSC builds the UDH. */
    SAR,
    /** The whole text in one PDU's message_payload TLV; the SMSC segments it. */
    MESSAGE_PAYLOAD
}
