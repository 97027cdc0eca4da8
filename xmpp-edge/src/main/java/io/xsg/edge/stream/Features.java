package io.xsg.edge.stream;

import io.xsg.edge.sasl.SaslExchange;
import io.xsg.xmpp.xml.Namespaces;

/** The {@code <stream:features/>} the server offers at each stage of negotiation (RFC 6120 §4.3.2). */
final class Features {

    private Features() {
    }

    /** Before authentication: STARTTLS (required or not), SASL mechanisms once allowed, registration if on. */
    static String beforeAuthentication(boolean secure, boolean requireTls, boolean registration) {
        var out = new StringBuilder("<stream:features>");
        if (!secure) {
            out.append("<starttls xmlns='").append(Namespaces.TLS).append("'>")
                    .append(requireTls ? "<required/>" : "").append("</starttls>");
        }
        if (secure || !requireTls) {
            out.append("<mechanisms xmlns='").append(Namespaces.SASL).append("'>");
            for (String mechanism : SaslExchange.mechanisms(secure)) {
                out.append("<mechanism>").append(mechanism).append("</mechanism>");
            }
            out.append("</mechanisms>");
            if (registration) {
                out.append("<register xmlns='").append(Namespaces.REGISTER_FEATURE).append("'/>");
            }
        }
        return out.append("</stream:features>").toString();
    }

    /**
     * After authentication: resource binding, the legacy session establishment marked optional (RFC 6121 old), roster
     * versioning (XEP-0237) and subscription pre-approval (RFC 6121 §3.4), which the session service implements, and
     * Stream Management (XEP-0198).
     */
    static String afterAuthentication() {
        return "<stream:features><bind xmlns='" + Namespaces.BIND + "'/><session xmlns='" + Namespaces.SESSION
                + "'><optional/></session><ver xmlns='" + Namespaces.ROSTER_VERSIONING_FEATURE + "'/><sub xmlns='" + Namespaces.PRE_APPROVAL_FEATURE
                + "'/><sm xmlns='" + Namespaces.SM + "'/></stream:features>";
    }
}
