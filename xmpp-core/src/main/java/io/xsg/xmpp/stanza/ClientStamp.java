package io.xsg.xmpp.stanza;

import io.xsg.xmpp.xml.XmlElement;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * What the server does to every stanza a bound client sends, before anything else sees it (RFC 6120 §8.1.2.1,
 * §8.1.1.1): {@code from} becomes the session's full JID (the client may name only its own full or bare JID),
 * {@code to} is normalised (stringprep), and the server's own domain is written as configured whatever its case.
 * The edge applies it; tests that build events "as the edge does" apply the same.
 */
public final class ClientStamp {

    /** The outcome for one stanza. */
    public sealed interface Result {
    }

    /** @param to the normalised recipient, or null when the stanza has none */
    public record Stamped(XmlElement stanza, String to) implements Result {
    }

    /** {@code from} names someone else: the stream ends with {@code invalid-from}. */
    public record InvalidFrom() implements Result {
    }

    /** {@code to} is not a JID: answered with {@code jid-malformed}. */
    public record MalformedTo() implements Result {
    }

    private ClientStamp() {
    }

    /**
     * @param fullJid the session's full JID
     * @param bareJid its bare JID
     * @param domain  the server's domain
     */
    public static Result stamp(XmlElement stanza, String fullJid, String bareJid, String domain) {
        String from = stanza.attribute("from");
        if (from != null && !from.equals(fullJid) && !from.equals(bareJid)) {
            return new InvalidFrom();
        }
        String to = stanza.attribute("to");
        if (to != null) {
            try {
                to = JidCreate.from(to).toString();
            } catch (XmppStringprepException | IllegalArgumentException e) {
                return new MalformedTo();
            }
            if (to.equalsIgnoreCase(domain)) {
                to = domain;
            }
        }
        XmlElement stamped = stanza.withAttribute("from", fullJid);
        if (to != null) {
            stamped = stamped.withAttribute("to", to);
        }
        return new Stamped(stamped, to);
    }
}
