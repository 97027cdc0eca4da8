package io.xsg.smsc;

import java.util.Locale;

/**
 * How submit_sm_resp and the receipted_message_id TLV spell a message id. The receipt text always
 * carries the decimal form, as many real SMSCs do, so a connector has to normalise ids to match
 * a receipt to its submit.
 */
public enum ResponseIdFormat {
    /** {@code 1000000001}. */
    DECIMAL,
    /** Upper-case hexadecimal without leading zeros: {@code 3B9ACA01}. */
    HEX;

    public String format(long id) {
        return this == HEX ? Long.toHexString(id).toUpperCase(Locale.ROOT) : Long.toString(id);
    }
}
