package io.xsg.xmpp.xml;

import io.xsg.xmpp.error.StreamErrorCondition;
import java.util.Objects;

/** The inbound stream cannot continue; {@link #condition()} is the stream error to send. */
public final class XmlStreamException extends Exception {

    private final StreamErrorCondition condition;

    public XmlStreamException(StreamErrorCondition condition, String message) {
        super(message);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    public XmlStreamException(StreamErrorCondition condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    public StreamErrorCondition condition() {
        return condition;
    }
}
