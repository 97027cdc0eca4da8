package io.xsg.xmpp.sasl;

import java.util.Objects;

/**
 * A SASL negotiation failure carrying the RFC 6120 condition to report. The message is for logs
 * only: it must not be sent to the peer (it may say more than the condition does).
 */
public final class SaslException extends Exception {
    private static final long serialVersionUID = 1L;

    private final SaslCondition condition;

    public SaslException(SaslCondition condition, String message) {
        super(message);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    public SaslException(SaslCondition condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    public SaslCondition condition() {
        return condition;
    }
}
