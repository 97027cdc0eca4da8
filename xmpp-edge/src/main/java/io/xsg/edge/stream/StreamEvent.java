package io.xsg.edge.stream;

import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;

/** What {@link XmppStreamDecoder} passes up the pipeline: the parsed stream, one event at a time. */
public sealed interface StreamEvent {

    record Opened(StreamHeader header) implements StreamEvent {
    }

    /** A complete top-level element: a stanza or a nonza (starttls, auth, …). */
    record Element(XmlElement element) implements StreamEvent {
    }

    record Closed() implements StreamEvent {
    }

    /** The bytes broke a rule; the stream must end with this condition. The decoder reads nothing more. */
    record Failed(StreamErrorCondition condition, String text) implements StreamEvent {
    }
}
