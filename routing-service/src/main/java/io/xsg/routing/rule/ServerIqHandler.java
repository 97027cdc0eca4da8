package io.xsg.routing.rule;

import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.ext.carbons.Carbons;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;

/**
 * IQs the server answers itself (RFC 6120 §10.3): to the domain, and to an account's bare JID on its owner's
 * behalf. Ping (XEP-0199) and service discovery (XEP-0030); anything else is {@code service-unavailable}.
 */
public final class ServerIqHandler {

    static final String PING_NS = "urn:xmpp:ping";
    static final String DISCO_INFO_NS = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS_NS = "http://jabber.org/protocol/disco#items";

    /**
     * Exactly what this server implements; disco must not promise more. Carbons (XEP-0280), offline storage
     * (XEP-0160's {@code msgoffline}) and AMP's expire-at (XEP-0079); roster versioning and stream management are
     * stream features, not disco ones.
     */
    static final List<String> SERVER_FEATURES = features();

    private static List<String> features() {
        List<String> f = new java.util.ArrayList<>(List.of(DISCO_INFO_NS, DISCO_ITEMS_NS, PING_NS,
                "urn:ietf:params:xml:ns:xmpp-session", Carbons.NAMESPACE, "msgoffline"));
        f.addAll(Amp.FEATURES);
        return List.copyOf(f);
    }

    private final String domain;

    public ServerIqHandler(String domain) {
        this.domain = domain;
    }

    /**
     * @param iq      a get or set, {@code from} stamped by the edge
     * @param forDomain true when addressed to the server, false when to an account's bare JID
     * @return the result or error to send back to the sender
     */
    public XmlElement answer(XmlElement iq, boolean forDomain) {
        List<XmlElement> payload = iq.childElements();
        if (payload.size() != 1) {
            return StanzaErrors.errorReply(iq, StanzaErrorCondition.BAD_REQUEST, "an IQ carries one payload");
        }
        XmlElement query = payload.get(0);
        boolean get = "get".equals(iq.attribute("type"));
        if (get && PING_NS.equals(query.namespace()) && "ping".equals(query.name())) {
            return result(iq).build();
        }
        if (get && forDomain && DISCO_INFO_NS.equals(query.namespace()) && query.attribute("node") == null) {
            var info = XmlElement.builder("query", DISCO_INFO_NS)
                    .child(XmlElement.builder("identity", DISCO_INFO_NS).attribute("category", "server")
                            .attribute("type", "im").attribute("name", "XMPP-SMS gateway").build());
            SERVER_FEATURES.forEach(f -> info.child(
                    XmlElement.builder("feature", DISCO_INFO_NS).attribute("var", f).build()));
            return result(iq).child(info.build()).build();
        }
        if (get && forDomain && DISCO_ITEMS_NS.equals(query.namespace()) && query.attribute("node") == null) {
            return result(iq).child(XmlElement.builder("query", DISCO_ITEMS_NS).build()).build();
        }
        return StanzaErrors.errorReply(iq, StanzaErrorCondition.SERVICE_UNAVAILABLE, null);
    }

    private XmlElement.Builder result(XmlElement iq) {
        var builder = XmlElement.builder("iq", Namespaces.CLIENT).attribute("type", "result");
        String id = iq.attribute("id");
        if (id != null) {
            builder.attribute("id", id);
        }
        String to = iq.attribute("to");
        builder.attribute("from", to != null ? to : bare(iq.attribute("from")));
        builder.attribute("to", iq.attribute("from"));
        return builder;
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    String domain() {
        return domain;
    }
}
