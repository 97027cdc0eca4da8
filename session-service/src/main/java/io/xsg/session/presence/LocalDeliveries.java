package io.xsg.session.presence;

import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.config.XmppDomainProperties;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.roster.RosterXml;
import io.xsg.xmpp.jid.Destinations;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import org.springframework.stereotype.Component;

/**
 * How the session service reaches accounts' sessions, shared by the roster and presence handlers: roster pushes,
 * presence to a contact's available resources, and an account's current presence. Only local accounts are reachable
 * until federation lands.
 */
@Component
public class LocalDeliveries {

    private final SessionDirectory directory;
    private final Destinations destinations;

    public LocalDeliveries(SessionDirectory directory, XmppDomainProperties xmpp) {
        this.directory = directory;
        this.destinations = new Destinations(xmpp.domain());
    }

    public String domain() {
        return destinations.domain();
    }

    /**
     * Whether a bare JID is one of this domain's accounts' (it may not exist): the only destination the session
     * service reaches itself. The others ({@link Destinations.Kind}) are reached through routing once they are served.
     */
    public boolean isLocal(String bareJid) {
        return destinations.isAccount(bareJid);
    }

    /** A roster push to every interested resource of the owner (RFC 6121 §2.1.6). */
    public void push(String ownerBare, XmlElement item, long version, String causeId, Outbox outbox) {
        for (SessionEntry s : directory.byBareJid(ownerBare)) {
            if (s.rosterRequested()) {
                outbox.deliver(causeId + "/push", s, RosterXml.push("push-" + causeId, s.fullJid(), item, version));
            }
        }
    }

    /** A presence stanza to every available resource of a local account, addressed to its bare JID. */
    public void presence(String toBare, XmlElement presence, String deliveryId, Outbox outbox) {
        if (!isLocal(toBare)) {
            return; // remote contacts: federation comes later
        }
        String xml = null;
        for (SessionEntry s : directory.available(toBare)) {
            if (xml == null) {
                xml = presence.withAttribute("to", toBare).toXml();
            }
            outbox.deliver(deliveryId, s, xml);
        }
    }

    /**
     * The owner's current presence, one stanza per available resource, to a contact (after an approval, RFC 6121
     * §3.1.5; or a probe answered here, §4.3.2, when the prober is a local account).
     */
    public void currentPresence(String ownerBare, String toBare, String causeId, Outbox outbox) {
        for (SessionEntry s : directory.available(ownerBare)) {
            if (s.presence() != null) {
                presence(toBare, Stanzas.parse(s.presence()), causeId + "/" + s.sessionId(), outbox);
            }
        }
    }

    /** Unavailable presence from each of the owner's available resources to a contact who lost the subscription. */
    public void unavailable(String ownerBare, String toBare, String causeId, Outbox outbox) {
        for (SessionEntry s : directory.available(ownerBare)) {
            presence(toBare, XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", s.fullJid())
                    .attribute("type", "unavailable").build(), causeId + "/" + s.sessionId(), outbox);
        }
    }

    /** The session a stanza came from, as the directory knows it (null when it is gone or not yet seen). */
    public SessionEntry session(StanzaReceivedEvent event) {
        return event.from() == null || JidParts.parse(event.from()).resource() == null ? null
                : directory.byFullJid(event.from());
    }

    public SessionDirectory directory() {
        return directory;
    }
}
