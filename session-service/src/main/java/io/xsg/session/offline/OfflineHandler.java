package io.xsg.session.offline;

import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.config.SessionProperties;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.offline.OfflineStore;
import io.xsg.session.offline.StoredMessage;
import io.xsg.session.presence.LocalDeliveries;
import io.xsg.session.roster.RosterStore;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.ext.amp.AmpRule;
import io.xsg.xmpp.ext.delay.Delay;
import io.xsg.xmpp.ext.hints.ProcessingHints;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Offline storage (XEP-0160, RFC 6121 §8.5.2.2): chat and normal messages for an account with no resource that may
 * receive them are stored with their arrival time, up to a per-account quota, and delivered in order with a
 * {@code <delay/>} stamp (XEP-0203) at the account's next available presence with a non-negative priority. A message
 * whose XEP-0079 {@code expire-at} passes in storage is dropped, its sender told when the rule asks for it.
 */
@Component
public class OfflineHandler {

    private static final String RECEIPTS_NS = "urn:xmpp:receipts";

    private final OfflineStore store;
    private final RosterStore accounts;
    private final LocalDeliveries local;
    private final Clock clock;
    private final int quota;

    public OfflineHandler(OfflineStore store, RosterStore accounts, LocalDeliveries local, Clock clock,
                          SessionProperties properties) {
        this.store = store;
        this.accounts = accounts;
        this.local = local;
        this.clock = clock;
        this.quota = properties.offline().maxMessagesPerUser();
    }

    /** A message routing found no resource for. */
    public void offer(String ownerBare, StanzaReceivedEvent event, Outbox outbox) {
        String owner = JidParts.parse(ownerBare).local();
        XmlElement message = Stanzas.parse(event.xml());
        boolean error = "error".equals(event.type());
        if (!accounts.accountExists(owner)) {
            if (!error) {
                outbox.reply(event.eventId() + "/reply", event, StanzaErrors.errorReply(message,
                        StanzaErrorCondition.SERVICE_UNAVAILABLE, null)); // §8.5.1
            }
            return;
        }
        // the account may have come online while the message travelled here: deliver, do not store
        List<SessionEntry> now = local.directory().highestPriority(ownerBare).stream()
                .filter(s -> !s.sessionId().equals(event.failedSession())).toList();
        if (!now.isEmpty()) {
            for (SessionEntry s : now) {
                outbox.deliver(event.eventId(), s, event.xml());
            }
            return;
        }
        if (error || !storable(message)) {
            return; // chat states and the like are worth nothing later (XEP-0160 §3)
        }
        if (store.count(owner) >= quota) {
            outbox.reply(event.eventId() + "/reply", event, StanzaErrors.errorReply(message,
                    StanzaErrorCondition.SERVICE_UNAVAILABLE, "offline storage of " + ownerBare + " is full"));
            return;
        }
        List<AmpRule> rules = Amp.rules(message);
        Instant expiresAt = Amp.expiresAt(rules);
        String action = expiresAt == null ? null : rules.stream()
                .filter(r -> Amp.EXPIRE_AT.equals(r.condition())).map(AmpRule::action).findFirst().orElse("drop");
        store.store(owner, event.eventId(), event.from(), event.xml(), expiresAt, action);
    }

    /** Delivers the account's stored messages, oldest first, to the session that just became available. */
    public void flush(String ownerBare, StanzaReceivedEvent presence, Outbox outbox) {
        String owner = JidParts.parse(ownerBare).local();
        Instant now = clock.instant();
        for (StoredMessage m : store.pending(owner)) {
            if (m.expiresAt() != null && !now.isBefore(m.expiresAt())) {
                expire(m, outbox);
                continue;
            }
            XmlElement stamped = Delay.stamp(Stanzas.parse(m.stanza()), local.domain(), m.storedAt());
            outbox.reply("offline/" + m.id(), presence, stamped);
            // the delivery is in the outbox of this transaction: removing the message with it loses nothing
            store.remove(m.id());
        }
    }

    /** A stored message whose expiry came: removed, and the sender told if its rule asks (once, by its remover). */
    public void expire(StoredMessage m, Outbox outbox) {
        if (!store.remove(m.id())) {
            return;
        }
        if (m.expireAction() == null || "drop".equals(m.expireAction())) {
            return;
        }
        XmlElement message = Stanzas.parse(m.stanza());
        AmpRule fired = Amp.expired(Amp.rules(message), Instant.MAX);
        XmlElement notice = fired == null ? null : Amp.notice(message, fired, local.domain());
        if (notice == null) {
            return;
        }
        SessionEntry sender = local.directory().byFullJid(m.sender());
        List<SessionEntry> targets = sender != null ? List.of(sender)
                : local.directory().highestPriority(JidParts.bare(m.sender()));
        for (SessionEntry s : targets) {
            outbox.deliver("expired/" + m.id(), s, notice);
        }
    }

    /** Chat and normal messages with something to read later: a body, a receipt, or an explicit store hint. */
    static boolean storable(XmlElement message) {
        String type = message.attribute("type");
        if (type != null && !"chat".equals(type) && !"normal".equals(type)) {
            return false;
        }
        if (ProcessingHints.noStore(message)) {
            return false;
        }
        return message.firstChild("body", Namespaces.CLIENT) != null || ProcessingHints.has(message, "store")
                || message.firstChild("received", RECEIPTS_NS) != null;
    }
}
