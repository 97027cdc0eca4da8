package io.xsg.xmpp.ext.carbons;

import io.xsg.xmpp.ext.hints.ProcessingHints;
import io.xsg.xmpp.xml.XmlElement;

/** Message Carbons (XEP-0280): which messages are copied, and the copies themselves. */
public final class Carbons {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    public static final String FORWARD_NS = "urn:xmpp:forward:0";
    private static final String MUC_USER_NS = "http://jabber.org/protocol/muc#user";

    private Carbons() {
    }

    /**
     * §6: chat messages, and normal messages with a body, unless marked private or no-copy; never a carbon itself
     * (a client forwarding one is not copied again), and not private messages within a chat room.
     */
    public static boolean eligible(XmlElement message, String type) {
        boolean kind = "chat".equals(type) || ((type == null || "normal".equals(type))
                && message.firstChild("body", message.namespace()) != null);
        return kind
                && message.firstChild("private", NAMESPACE) == null
                && message.firstChild("received", NAMESPACE) == null
                && message.firstChild("sent", NAMESPACE) == null
                && message.firstChild("x", MUC_USER_NS) == null
                && !ProcessingHints.has(message, "no-copy");
    }

    /** A cheap pre-check on the serialised stanza before parsing it for {@link #eligible}. */
    public static boolean mayBeEligible(String type) {
        return type == null || "chat".equals(type) || "normal".equals(type);
    }

    /** The copy of a message the user received, for another of the user's resources (§4). */
    public static XmlElement received(XmlElement message, String bareJid, String to) {
        return wrap("received", message, bareJid, to);
    }

    /** The copy of a message the user sent, for the user's other resources (§5). */
    public static XmlElement sent(XmlElement message, String bareJid, String to) {
        return wrap("sent", message, bareJid, to);
    }

    private static XmlElement wrap(String direction, XmlElement message, String bareJid, String to) {
        var builder = XmlElement.builder("message", message.namespace()).attribute("from", bareJid)
                .attribute("to", to);
        String type = message.attribute("type");
        if (type != null) {
            builder.attribute("type", type);
        }
        return builder.child(XmlElement.builder(direction, NAMESPACE)
                .child(XmlElement.builder("forwarded", FORWARD_NS).child(message).build()).build()).build();
    }
}
