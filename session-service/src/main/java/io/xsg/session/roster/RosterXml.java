package io.xsg.session.roster;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.Collection;

/** The roster's XML (RFC 6121 §2.1): items, results and pushes. */
public final class RosterXml {

    public static final String NAMESPACE = Namespaces.ROSTER;

    private RosterXml() {
    }

    public static XmlElement item(RosterItem item) {
        var b = XmlElement.builder("item", NAMESPACE).attribute("jid", item.contact());
        if (item.name() != null) {
            b.attribute("name", item.name());
        }
        b.attribute("subscription", item.state().subscription().attribute());
        if (item.state().pendingOut()) {
            b.attribute("ask", "subscribe");
        }
        if (item.approved()) {
            b.attribute("approved", "true");
        }
        for (String group : item.groups()) {
            b.child(XmlElement.builder("group", NAMESPACE).text(group).build());
        }
        return b.build();
    }

    /** The item of a push announcing a removal. */
    public static XmlElement removed(String contact) {
        return XmlElement.builder("item", NAMESPACE).attribute("jid", contact).attribute("subscription", "remove")
                .build();
    }

    /** The answer to a roster get: every item, with the version (XEP-0237). */
    public static XmlElement result(XmlElement get, Collection<RosterItem> items, long version) {
        return result(get).child(query(items, version)).build();
    }

    /** The {@code <query/>} of a roster result: every item, and the version they make. */
    public static XmlElement query(Collection<RosterItem> items, long version) {
        var query = XmlElement.builder("query", NAMESPACE).attribute("ver", Long.toString(version));
        for (RosterItem item : items) {
            query.child(item(item));
        }
        return query.build();
    }

    /** An empty result: to a roster set, or to a get whose version is current (RFC 6121 §2.6.3). */
    public static XmlElement.Builder result(XmlElement iq) {
        var b = XmlElement.builder("iq", Namespaces.CLIENT).attribute("type", "result");
        if (iq.attribute("id") != null) {
            b.attribute("id", iq.attribute("id"));
        }
        if (iq.attribute("from") != null) {
            b.attribute("to", iq.attribute("from"));
        }
        return b;
    }

    /** A roster push (RFC 6121 §2.1.6) to one interested resource; no {@code from}: it comes from the account. */
    public static XmlElement push(String id, String to, XmlElement item, long version) {
        return XmlElement.builder("iq", Namespaces.CLIENT).attribute("type", "set").attribute("id", id).attribute("to", to)
                .child(XmlElement.builder("query", NAMESPACE).attribute("ver", Long.toString(version)).child(item)
                        .build()).build();
    }
}
