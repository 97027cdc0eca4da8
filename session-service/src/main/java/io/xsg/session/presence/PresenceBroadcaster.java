package io.xsg.session.presence;

import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.offline.OfflineHandler;
import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.RosterStore;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Presence;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Presence broadcast and directed presence (RFC 6121 §4). Available presence goes to every contact subscribed to the
 * owner and to the owner's own available resources; the first one of a session (initial presence) also gets that
 * session the presence of every contact the owner is subscribed to (probes, answered here from the session directory
 * for local contacts), the owner's pending subscription requests, and, with a non-negative priority, the offline
 * messages. Unavailable presence goes to the same people plus everyone the session sent directed presence to.
 *
 * <p>Which sessions have announced themselves, and to whom they sent directed presence, is kept in memory by the
 * instance that owns the account's partition; after a restart an update is taken as initial presence, which at worst
 * repeats the probes.
 */
@Component
public class PresenceBroadcaster {

    /** Per announced session: its last priority and its directed presence recipients. */
    private static final class Announced {
        int priority;
        final Set<String> directed = ConcurrentHashMap.newKeySet();
        final long since = System.nanoTime();

        Announced(int priority) {
            this.priority = priority;
        }
    }

    /** A session this new may simply not be in this instance's copy of the directory yet. */
    private static final long SWEEP_GRACE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final RosterStore store;
    private final PresenceAudience audience;
    private final LocalDeliveries local;
    private final OfflineHandler offline;
    private final Map<String, Announced> announced = new ConcurrentHashMap<>();

    public PresenceBroadcaster(RosterStore store, PresenceAudience audience, LocalDeliveries local,
                               OfflineHandler offline) {
        this.store = store;
        this.audience = audience;
        this.local = local;
        this.offline = offline;
    }

    /**
     * Whether this presence brings a session online here (its first available presence this instance handles):
     * only then is it answered from the directory (probes), which must first be current.
     */
    public boolean comingOnline(StanzaReceivedEvent event) {
        return event.to() == null && event.type() == null
                && (event.sessionId() == null || !announced.containsKey(event.sessionId()));
    }

    /** A presence without {@code to}, or a directed one, that the owner's session sent. */
    public void outbound(StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        if (event.to() != null) {
            directed(event, presence, outbox);
        } else if (event.type() == null) {
            available(event, presence, outbox);
        } else if ("unavailable".equals(event.type())) {
            unavailable(event, presence, outbox);
        }
        // other types without 'to' mean nothing (§4.7.1)
    }

    private void available(StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        String ownerBare = JidParts.bare(event.from());
        String owner = JidParts.parse(ownerBare).local();
        int priority = Presence.priority(presence);
        Announced previous = event.sessionId() == null ? null : announced.get(event.sessionId());
        if (event.sessionId() != null && previous == null) {
            String session = event.sessionId();
            Announced now = new Announced(priority);
            announced.put(session, now);
            outbox.undoIfRetried(() -> announced.remove(session, now));
        }
        String id = event.eventId();
        List<RosterItem> roster = null;
        List<String> subscribers;
        if (previous == null) {
            // initial presence needs the whole roster (probes, pending requests) anyway
            long version = store.version(owner);
            roster = store.all(owner);
            subscribers = audience.remember(owner, version, roster);
        } else {
            subscribers = audience.subscribers(owner);
        }
        for (String contact : subscribers) {
            local.presence(contact, presence, id + "/b", outbox);
        }
        ownResources(event, presence, outbox);
        if (previous == null) {
            initial(event, ownerBare, roster, outbox);
            if (priority >= 0) {
                offline.flush(ownerBare, event, outbox);
            }
        } else {
            if (previous.priority < 0 && priority >= 0) {
                offline.flush(ownerBare, event, outbox); // XEP-0160: at the first non-negative presence
            }
            int before = previous.priority;
            previous.priority = priority;
            outbox.undoIfRetried(() -> previous.priority = before);
        }
    }

    /** §4.2.2 and §4.3: what a session that just became available is owed. */
    private void initial(StanzaReceivedEvent event, String ownerBare, List<RosterItem> roster, Outbox outbox) {
        String id = event.eventId();
        for (RosterItem item : roster) {
            if (local.isRemote(item.contact())) {
                remoteContact(event, ownerBare, item, outbox);
            }
            if (item.state().subscription().to() && local.isLocal(item.contact())) {
                for (SessionEntry contact : local.directory().available(item.contact())) {
                    if (contact.presence() != null) {
                        outbox.reply(id + "/probe/" + contact.sessionId(), event,
                                Stanzas.parse(contact.presence()).withAttribute("to", event.from()));
                    }
                }
            }
            if (item.state().pendingIn() && item.pendingStanza() != null) {
                // §3.1.3: a request not yet answered is offered again at each login
                outbox.reply(id + "/pending/" + item.contact(), event, Stanzas.parse(item.pendingStanza()));
            }
        }
        for (SessionEntry own : local.directory().available(ownerBare)) {
            if (!own.sessionId().equals(event.sessionId()) && own.presence() != null) {
                outbox.reply(id + "/own/" + own.sessionId(), event,
                        Stanzas.parse(own.presence()).withAttribute("to", event.from()));
            }
        }
    }

    /**
     * A remote contact at a session's login: probed if the owner is subscribed to it (§4.3.1, from the owner's bare
     * JID; its server answers with the contact's presence), and a request the owner made before federation could carry
     * it, still pending, sent again (a repeated subscribe changes nothing on the contact's side).
     */
    private void remoteContact(StanzaReceivedEvent event, String ownerBare, RosterItem item, Outbox outbox) {
        String id = event.eventId();
        if (item.state().subscription().to()) {
            local.remote(id + "/probe/" + item.contact(), XmlElement.builder("presence", Namespaces.CLIENT)
                    .attribute("from", ownerBare).attribute("to", item.contact()).attribute("type", "probe").build(),
                    outbox);
        }
        if (item.state().pendingOut()) {
            local.remote(id + "/ask/" + item.contact(), XmlElement.builder("presence", Namespaces.CLIENT)
                    .attribute("from", ownerBare).attribute("to", item.contact()).attribute("type", "subscribe")
                    .build(), outbox);
        }
    }

    /**
     * A probe from another domain's server (§4.3.2): the owner's current presence if the prober is subscribed to it
     * (unavailable when the owner has no available resource), {@code unsubscribed} otherwise.
     */
    public void probe(String ownerBare, StanzaReceivedEvent event, Outbox outbox) {
        String owner = JidParts.parse(ownerBare).local();
        String prober = JidParts.bare(event.from());
        if (!store.accountExists(owner)) {
            return;
        }
        boolean subscribed = store.find(owner, prober).map(i -> i.state().subscription().from()).orElse(false);
        String id = event.eventId() + "/probed";
        if (!subscribed) {
            local.remote(id, XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", ownerBare)
                    .attribute("to", prober).attribute("type", "unsubscribed").build(), outbox);
            return;
        }
        if (local.directory().available(ownerBare).stream().anyMatch(s -> s.presence() != null)) {
            local.currentPresence(ownerBare, prober, id, outbox);
        } else {
            local.remote(id, XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", ownerBare)
                    .attribute("to", prober).attribute("type", "unavailable").build(), outbox);
        }
    }

    private void unavailable(StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        String ownerBare = JidParts.bare(event.from());
        String owner = JidParts.parse(ownerBare).local();
        Announced gone = event.sessionId() == null ? null : announced.remove(event.sessionId());
        if (gone != null) {
            outbox.undoIfRetried(() -> announced.putIfAbsent(event.sessionId(), gone));
        }
        String id = event.eventId();
        for (String contact : audience.subscribers(owner)) {
            local.presence(contact, presence, id + "/b", outbox);
        }
        ownResources(event, presence, outbox);
        if (gone != null) {
            for (String to : gone.directed) {
                deliverDirected(to, presence.withAttribute("to", to), id + "/d", outbox);
            }
        }
    }

    /** §4.2.2: the owner's own available resources see its presence too, the sending one included. */
    private void ownResources(StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        boolean senderSeen = false;
        String xml = presence.toXml();
        for (SessionEntry own : local.directory().available(JidParts.bare(event.from()))) {
            senderSeen |= own.sessionId().equals(event.sessionId());
            outbox.deliver(event.eventId() + "/own", own, xml);
        }
        if (!senderSeen && "unavailable".equals(event.type())) {
            return; // a closed stream gets nothing
        }
        if (!senderSeen) {
            outbox.reply(event.eventId() + "/own", event, presence);
        }
    }

    /** §4.6: delivered as is; remembered so that the recipient hears of the session's unavailability too. */
    private void directed(StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        String to = event.to();
        Announced state = event.sessionId() == null ? null : announced.get(event.sessionId());
        if (event.type() == null && state != null) {
            state.directed.add(to);
        } else if ("unavailable".equals(event.type()) && state != null) {
            state.directed.remove(to);
        }
        deliverDirected(to, presence, event.eventId() + "/d", outbox);
    }

    private void deliverDirected(String to, XmlElement presence, String deliveryId, Outbox outbox) {
        String bare = JidParts.bare(to);
        if (local.isRemote(bare)) {
            local.remote(deliveryId + "/" + to, presence.withAttribute("to", to), outbox);
            return;
        }
        if (!local.isLocal(bare)) {
            return;
        }
        if (to.equals(bare)) {
            for (SessionEntry s : local.directory().available(bare)) {
                outbox.deliver(deliveryId, s, presence);
            }
        } else {
            SessionEntry s = local.directory().byFullJid(to);
            if (s != null) {
                outbox.deliver(deliveryId, s, presence);
            }
        }
    }

    /** Forgets sessions that left the directory without an unavailable presence reaching this instance. */
    public void sweep() {
        long now = System.nanoTime();
        announced.entrySet().removeIf(e -> now - e.getValue().since > SWEEP_GRACE_NANOS
                && local.directory().bySessionId(e.getKey()) == null);
    }
}
