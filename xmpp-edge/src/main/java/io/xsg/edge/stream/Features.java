package io.xsg.edge.stream;

import io.xsg.edge.sasl.SaslExchange;
import io.xsg.edge.sm.StreamManagement;

/** The {@code <stream:features/>} the server offers at each stage of negotiation (RFC 6120 §4.3.2). */
final class Features {

    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String SESSION_NS = "urn:ietf:params:xml:ns:xmpp-session";
    static final String REGISTER_FEATURE_NS = "http://jabber.org/features/iq-register";

    private Features() {
    }

    /** Before authentication: STARTTLS (required or not), SASL mechanisms once allowed, registration if on. */
    static String beforeAuthentication(boolean secure, boolean requireTls, boolean registration) {
        var out = new StringBuilder("<stream:features>");
        if (!secure) {
            out.append("<starttls xmlns='").append(TLS_NS).append("'>")
                    .append(requireTls ? "<required/>" : "").append("</starttls>");
        }
        if (secure || !requireTls) {
            out.append("<mechanisms xmlns='").append(SASL_NS).append("'>");
            for (String mechanism : SaslExchange.mechanisms(secure)) {
                out.append("<mechanism>").append(mechanism).append("</mechanism>");
            }
            out.append("</mechanisms>");
            if (registration) {
                out.append("<register xmlns='").append(REGISTER_FEATURE_NS).append("'/>");
            }
        }
        return out.append("</stream:features>").toString();
    }

    static final String ROSTER_VERSIONING_NS = "urn:xmpp:features:rosterver";
    static final String PRE_APPROVAL_NS = "urn:xmpp:features:pre-approval";

    /**
     * After authentication: resource binding, the legacy session establishment marked optional (RFC 6121 old), roster
     * versioning (XEP-0237) and subscription pre-approval (RFC 6121 §3.4), which the session service implements, and
     * Stream Management (XEP-0198).
     */
    static String afterAuthentication() {
        return "<stream:features><bind xmlns='" + BIND_NS + "'/><session xmlns='" + SESSION_NS
                + "'><optional/></session><ver xmlns='" + ROSTER_VERSIONING_NS + "'/><sub xmlns='" + PRE_APPROVAL_NS
                + "'/><sm xmlns='" + StreamManagement.NAMESPACE + "'/></stream:features>";
    }
}
