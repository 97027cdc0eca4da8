package io.xsg.xmpp.stream;

import io.xsg.xmpp.sasl.SaslCondition;
import io.xsg.xmpp.sasl.SaslMessages;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlAttribute;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlWriter;

/**
 * The stream-level elements a server writes (RFC 6120 STARTTLS and SASL, XEP-0198 Stream Management), serialised for
 * a client or server stream alike: they carry their own namespace, so no stream's default applies to them.
 */
public final class Nonzas {

    private static final String TLS_PROCEED = write(XmlElement.builder("proceed", Namespaces.TLS).build());
    private static final String TLS_FAILURE = write(XmlElement.builder("failure", Namespaces.TLS).build());
    private static final String SM_REQUEST = write(XmlElement.builder("r", Namespaces.SM).build());
    private static final String SM_ENABLED = write(XmlElement.builder("enabled", Namespaces.SM).build());

    private Nonzas() {
    }

    public static String tlsProceed() {
        return TLS_PROCEED;
    }

    public static String tlsFailure() {
        return TLS_FAILURE;
    }

    public static String saslChallenge(byte[] data) {
        return write(XmlElement.builder("challenge", Namespaces.SASL).text(SaslMessages.encodeXmppBase64(data))
                .build());
    }

    /** {@code <success/>}, with additional data when the mechanism has any (SCRAM's server signature). */
    public static String saslSuccess(byte[] additionalData) {
        var success = XmlElement.builder("success", Namespaces.SASL);
        if (additionalData.length > 0) {
            success.text(SaslMessages.encodeXmppBase64(additionalData));
        }
        return write(success.build());
    }

    public static String saslFailure(SaslCondition condition, String textOrNull) {
        var failure = XmlElement.builder("failure", Namespaces.SASL)
                .child(XmlElement.builder(condition.elementName(), Namespaces.SASL).build());
        if (textOrNull != null) {
            failure.child(XmlElement.builder("text", Namespaces.SASL).attribute(XmlAttribute.xmlLang("en"))
                    .text(textOrNull)
                    .build());
        }
        return write(failure.build());
    }

    /** XEP-0198 §3: Stream Management enabled, resumable under {@code id} for {@code maxSeconds} when id is set. */
    public static String smEnabled(String id, long maxSeconds) {
        if (id == null) {
            return SM_ENABLED;
        }
        return write(XmlElement.builder("enabled", Namespaces.SM).attribute("id", id).attribute("resume", "true")
                .attribute("max", Long.toString(maxSeconds)).build());
    }

    public static String smAnswer(long h) {
        return write(XmlElement.builder("a", Namespaces.SM).attribute("h", Long.toString(h)).build());
    }

    public static String smRequest() {
        return SM_REQUEST;
    }

    public static String smResumed(long h, String previd) {
        return write(XmlElement.builder("resumed", Namespaces.SM).attribute("h", Long.toString(h))
                .attribute("previd", previd).build());
    }

    /** {@code <failed/>} with a stanza error condition, and the {@code h} when known (XEP-0198 §4, §5). */
    public static String smFailed(String condition, Long h) {
        var failed = XmlElement.builder("failed", Namespaces.SM);
        if (h != null) {
            failed.attribute("h", Long.toString(h));
        }
        return write(failed.child(XmlElement.builder(condition, Namespaces.STANZA_ERRORS).build()).build());
    }

    private static String write(XmlElement nonza) {
        return XmlWriter.toXml(nonza, "");
    }
}
