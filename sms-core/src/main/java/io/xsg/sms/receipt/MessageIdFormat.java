package io.xsg.sms.receipt;

/** How an SMSC writes message ids in one place (submit_sm_resp, receipted_message_id, receipt text). */
public enum MessageIdFormat {
    /** An opaque string: compared after trimming, lower-casing and dropping leading zeros. */
    AS_IS,
    /** A hexadecimal number. */
    HEX,
    /** A decimal number. */
    DECIMAL
}
