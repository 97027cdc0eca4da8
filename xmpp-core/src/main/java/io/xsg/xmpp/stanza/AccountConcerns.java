package io.xsg.xmpp.stanza;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;

/**
 * Which stanzas a user sends concern the user's own account first (RFC 6121): presence broadcasts, directed
 * presence and subscription stanzas (§3–4, the roster decides who gets them) and roster requests (§2). The one rule,
 * shared by the edge (which sends them straight to the account's state, skipping routing) and routing (which
 * forwards those that reach it), so that a new kind of destination is taught in one place.
 */
public final class AccountConcerns {

    /** What the account's state must handle. */
    public enum Concern {
        /** a presence the sender's roster decides about */
        PRESENCE,
        /** a roster get or set for the sender's own roster */
        ROSTER
    }

    private AccountConcerns() {
    }

    /** The presence types of subscription management (RFC 6121 §3). */
    public static final java.util.Set<String> SUBSCRIPTION_TYPES = java.util.Set.of("subscribe", "subscribed",
            "unsubscribe", "unsubscribed");

    /**
     * The concern of a stanza a local user sent, or null when it is routed like any other.
     *
     * @param stanza     the stanza, its {@code from} stamped
     * @param to         its normalised {@code to}, or null
     * @param senderBare the sender's bare JID
     * @param domain     the local domain
     */
    public static Concern of(XmlElement stanza, String to, String senderBare, String domain) {
        String type = stanza.attribute("type");
        if ("presence".equals(stanza.name())) {
            // errors are delivered like messages; probes are servers'; presence to the server is the server's
            boolean routed = "error".equals(type) || "probe".equals(type) || domain.equals(to);
            return routed ? null : Concern.PRESENCE;
        }
        if ("iq".equals(stanza.name()) && ("get".equals(type) || "set".equals(type))
                && (to == null || to.equals(senderBare)) && isRosterQuery(stanza)) {
            return Concern.ROSTER;
        }
        return null;
    }

    /** An IQ whose one payload is a roster query. */
    public static boolean isRosterQuery(XmlElement iq) {
        List<XmlElement> payload = iq.childElements();
        return payload.size() == 1 && "query".equals(payload.get(0).name())
                && Namespaces.ROSTER.equals(payload.get(0).namespace());
    }
}
