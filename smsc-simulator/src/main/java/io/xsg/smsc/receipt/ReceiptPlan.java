package io.xsg.smsc.receipt;

import io.xsg.sms.receipt.ReceiptState;
import io.xsg.smsc.ReceiptRule;
import io.xsg.smsc.SimAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fate of one submitted segment: its final state, when the network reaches it, and whether
 * the ESME asked to hear about it.
 */
public record ReceiptPlan(ReceiptState state, String errorCode, Instant doneAt, boolean sendReceipt) {

    /**
     * The first rule matching the destination decides the outcome (DELIVERED without a match). A
     * validity period that ends before the outcome is reached makes it EXPIRED at the end of the
     * validity, as an SMSC that gives up retrying would.
     *
     * @param validityEnd       null when the submit had none
     * @param registeredDelivery bits 0-1: 01 receipt always, 10 on failure only
     */
    public static ReceiptPlan of(SimAddress destination, Instant arrivedAt, Instant validityEnd, int registeredDelivery,
            List<ReceiptRule> rules, Duration delay) {
        ReceiptState state = ReceiptState.DELIVERED;
        String errorCode = "000";
        for (ReceiptRule rule : rules) {
            if (rule.matches(destination)) {
                state = rule.state();
                errorCode = rule.errorCode();
                break;
            }
        }
        Instant doneAt = arrivedAt.plus(delay);
        if (validityEnd != null && validityEnd.isBefore(doneAt)) {
            state = ReceiptState.EXPIRED;
            doneAt = validityEnd.isBefore(arrivedAt) ? arrivedAt : validityEnd;
        }
        int mode = registeredDelivery & 0x03;
        boolean send = mode == 1 || (mode == 2 && state != ReceiptState.DELIVERED);
        return new ReceiptPlan(state, errorCode, doneAt, send);
    }
}
