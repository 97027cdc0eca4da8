package io.xsg.xmpp.error;

import io.xsg.xmpp.xml.XmlAttribute;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlNode;

/** Builds stanza error replies (RFC 6120 §8.3). */
public final class StanzaErrors {

    private StanzaErrors() {
    }

    /**
     * The error reply to {@code stanza}: same element name, namespace and id, {@code type='error'},
     * {@code from} and {@code to} swapped (an absent one stays absent on the other side), and an
     * {@code <error/>} child with the condition's default type. Message and presence keep their
     * original children, which §8.3.1 permits and which helps the sender match the reply; an iq
     * keeps none.
     *
     * @param textOrNull human-readable description; null or empty for none
     * @throws IllegalArgumentException if {@code stanza} is itself an error: §8.3.1 forbids
     *         answering an error with an error, since two entities could loop forever
     */
    public static XmlElement errorReply(XmlElement stanza, StanzaErrorCondition condition, String textOrNull) {
        if (isError(stanza)) {
            throw new IllegalArgumentException("must not reply to an error stanza with an error");
        }
        XmlElement.Builder reply = XmlElement.builder(stanza.name(), stanza.namespace()).prefix(stanza.prefix());
        String from = null;
        String to = null;
        for (XmlAttribute a : stanza.attributes()) {
            if (a.prefix().isEmpty()) {
                switch (a.localName()) {
                    case "from" -> from = a.value();
                    case "to" -> to = a.value();
                    case "type" -> { }
                    default -> reply.attribute(a);
                }
            } else {
                reply.attribute(a);
            }
        }
        if (from != null) {
            reply.attribute("to", from);
        }
        if (to != null) {
            reply.attribute("from", to);
        }
        reply.attribute("type", "error");
        if (!"iq".equals(stanza.name())) {
            for (XmlNode child : stanza.children()) {
                reply.child(child);
            }
        }
        return reply.child(errorElement(stanza.namespace(), condition, textOrNull)).build();
    }

    /** True if the stanza's {@code type} attribute is {@code error}. */
    public static boolean isError(XmlElement stanza) {
        return "error".equals(stanza.attribute("type"));
    }

    /** The {@code <error/>} child alone, in the stanza's namespace (usually {@code jabber:client}). */
    public static XmlElement errorElement(String stanzaNamespace, StanzaErrorCondition condition, String textOrNull) {
        XmlElement.Builder error = XmlElement.builder("error", stanzaNamespace)
                .attribute("type", condition.defaultType().value())
                .child(XmlElement.builder(condition.elementName(), StanzaErrorCondition.NAMESPACE).build());
        if (textOrNull != null && !textOrNull.isEmpty()) {
            error.child(XmlElement.builder("text", StanzaErrorCondition.NAMESPACE).text(textOrNull).build());
        }
        return error.build();
    }
}
