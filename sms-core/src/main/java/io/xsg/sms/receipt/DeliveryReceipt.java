package io.xsg.sms.receipt;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery receipt as the connector reports it. Fields a receipt did not carry are null.
 *
 * @param messageId the SMSC message id in canonical form ({@link MessageIds#normalise})
 * @param rawMessageId the id as received
 * @param state the message state
 * @param errorCode network or SMSC error code as received, or null
 * @param submitted "sub:" count, or null
 * @param delivered "dlvrd:" count, or null
 * @param submitDate "submit date:", or null
 * @param doneDate "done date:", or null
 * @param text "text:" (the start of the original message), or null
 */
public record DeliveryReceipt(String messageId, String rawMessageId, ReceiptState state, String errorCode,
        Integer submitted, Integer delivered, Instant submitDate, Instant doneDate, String text) {

    /** Checks the fields every receipt has. */
    public DeliveryReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(rawMessageId, "rawMessageId");
        Objects.requireNonNull(state, "state");
    }
}
