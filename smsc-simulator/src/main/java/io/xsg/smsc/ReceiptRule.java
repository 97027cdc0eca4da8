package io.xsg.smsc;

import io.xsg.sms.receipt.ReceiptState;
import java.util.Objects;

/**
 * Outcome of the delivery receipt for destinations starting with {@code destinationPrefix}. The
 * prefix matches the raw destination_addr or its {@code +} form, so {@code +4477} and {@code 4477}
 * both work for an international number.
 *
 * @param errorCode the receipt text's {@code err:} field, three digits by convention
 */
public record ReceiptRule(String destinationPrefix, ReceiptState state, String errorCode) {
    public ReceiptRule {
        Objects.requireNonNull(destinationPrefix, "destinationPrefix");
        Objects.requireNonNull(state, "state");
        errorCode = errorCode == null || errorCode.isBlank() ? "000" : errorCode.strip();
    }

    public boolean matches(SimAddress destination) {
        return destination.address().startsWith(destinationPrefix) || destination.msisdn().startsWith(destinationPrefix);
    }
}
