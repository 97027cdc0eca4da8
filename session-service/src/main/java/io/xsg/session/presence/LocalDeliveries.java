package io.xsg.session.presence;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.topic.Topics;
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
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * How the session service reaches accounts' sessions, shared by the roster and presence handlers: roster pushes,
 * presence to a contact's available resources, and an account's current presence. A contact of another domain is
 * reached over federation: the stanza goes, through the same transactional outbox, to the edges' server-to-server
 * topic.
 */
@Component
public class LocalDeliveries {

    private final SessionDirectory directory;
    private final Destinations destinations;
    private final Topics topics;
    private final boolean federation;
    private final JsonSerde<StanzaReceivedEvent> serde = EventSerdes.stanzaReceived();

    public LocalDeliveries(SessionDirectory directory, XmppDomainProperties xmpp, Topics topics) {
        this.directory = directory;
        this.destinations = new Destinations(xmpp.domain());
        this.topics = topics;
        this.federation = xmpp.s2s().enabled();
    }

    /** Whether a bare JID is another domain's, reachable over federation. */
    public boolean isRemote(String bareJid) {
        return federation && destinations.kindOf(bareJid) == Destinations.Kind.REMOTE;
    }

    /**
     * A stanza for another domain's user, stamped as it goes (its {@code from} and {@code to} attributes are the
     * event's), to the edge that owns that domain's stream.
     */
    public void remote(String id, XmlElement stanza, Outbox outbox) {
        String to = stanza.attribute("to");
        String from = stanza.attribute("from");
        var event = new StanzaReceivedEvent(id, stanza.name(), stanza.attribute("type"), from, to, stanza.toXml(),
                null, null, System.currentTimeMillis());
        String topic = topics.s2sOut();
        outbox.publish(topic, StanzaPublisher.remoteDomain(event),
                new String(serde.serialize(topic, event), StandardCharsets.UTF_8));
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

    /**
     * A presence stanza to every available resource of a local account, addressed to its bare JID; to a remote
     * contact's bare JID over federation (its server delivers it to the contact's resources).
     */
    public void presence(String toBare, XmlElement presence, String deliveryId, Outbox outbox) {
        if (isRemote(toBare)) {
            remote(deliveryId + "/" + toBare, presence.withAttribute("to", toBare), outbox);
            return;
        }
        if (!isLocal(toBare)) {
            return;
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
