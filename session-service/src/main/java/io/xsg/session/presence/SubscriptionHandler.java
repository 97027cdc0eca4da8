package io.xsg.session.presence;

import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.RosterStore;
import io.xsg.session.roster.RosterXml;
import io.xsg.session.roster.SubscriptionState;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import org.springframework.stereotype.Component;

/**
 * Presence subscriptions (RFC 6121 §3): the owner's own requests and answers (outbound), and a contact's arriving at
 * the owner's account (inbound), each applied to the roster item as Appendix A says, with a roster push on every
 * change of a listed item. Pending inbound requests are kept with the stanza that carried them and re-delivered at
 * each login until answered; pre-approvals (§3.4) are honoured.
 *
 * <p>When both accounts are local, the contact's side is applied in the same transaction as the owner's, rather than
 * a Kafka hop later on the contact's partition: the owner's client then hears the answer to its own stanza only after
 * the contact's side took effect, as it would from a single server, and no stanza of theirs can overtake the other.
 * Two such transactions on one row (both users acting on each other at once, on two instances) are serialised by the
 * row's version: the loser's batch is retried.
 */
@Component
public class SubscriptionHandler {

    private final RosterStore store;
    private final LocalDeliveries local;

    public SubscriptionHandler(RosterStore store, LocalDeliveries local) {
        this.store = store;
        this.local = local;
    }

    /** The owner sent a subscription stanza to {@code to} (already a normalised JID). */
    public void outbound(StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        String ownerBare = JidParts.bare(event.from());
        String owner = JidParts.parse(ownerBare).local();
        String contact = JidParts.bare(event.to());
        String type = event.type();
        RosterItem current = store.find(owner, contact).orElse(RosterItem.unknown(contact));
        SubscriptionState before = current.state();
        RosterItem next;
        switch (type) {
            case "subscribe" -> {
                // §3.1.2: the contact joins the roster (subscription none, ask subscribe) if not there yet
                next = current.withState(before.outboundSubscribe()).inRoster();
                save(event, ownerBare, owner, current, next, outbox);
                send(event, ownerBare, contact, type, presence, outbox);
            }
            case "unsubscribe" -> {
                next = current.withState(before.outboundUnsubscribe());
                save(event, ownerBare, owner, current, next, outbox);
                send(event, ownerBare, contact, type, presence, outbox);
            }
            case "subscribed" -> {
                if (before.pendingIn()) {
                    next = current.withState(before.outboundSubscribed()).withApproved(false).inRoster();
                    save(event, ownerBare, owner, current, next, outbox);
                    send(event, ownerBare, contact, type, presence, outbox);
                    local.currentPresence(ownerBare, contact, event.eventId() + "/approved", outbox); // §3.1.5
                } else if (!before.subscription().from() && !current.approved()) {
                    // §3.4: a pre-approval, kept until the contact asks; nothing is sent
                    save(event, ownerBare, owner, current, current.withApproved(true).inRoster(), outbox);
                }
            }
            case "unsubscribed" -> {
                next = current.withState(before.outboundUnsubscribed()).withApproved(false);
                if (!next.equals(current)) {
                    save(event, ownerBare, owner, current, next, outbox);
                    send(event, ownerBare, contact, type, presence, outbox);
                    if (before.subscription().from()) {
                        local.unavailable(ownerBare, contact, event.eventId() + "/revoked", outbox); // §3.2.2
                    }
                }
            }
            default -> {
                // not a subscription stanza
            }
        }
    }

    /** A contact's subscription stanza arrived for the owner's account (the event's account). */
    public void inbound(String ownerBare, StanzaReceivedEvent event, XmlElement presence, Outbox outbox) {
        String owner = JidParts.parse(ownerBare).local();
        if (!store.accountExists(owner)) {
            return; // RFC 6121 §8.5.1: subscription stanzas to no account are ignored
        }
        String contact = JidParts.bare(event.from());
        RosterItem current = store.find(owner, contact).orElse(RosterItem.unknown(contact));
        SubscriptionState before = current.state();
        switch (event.type()) {
            case "subscribe" -> {
                if (before.subscription().from()) {
                    // §3.1.3: already subscribed; answer for the owner
                    send(event, ownerBare, contact, "subscribed", null, outbox);
                } else if (current.approved()) {
                    RosterItem next = current.withState(before.inboundSubscribe().outboundSubscribed())
                            .withApproved(false).inRoster();
                    save(event, ownerBare, owner, current, next, outbox);
                    send(event, ownerBare, contact, "subscribed", null, outbox);
                    local.currentPresence(ownerBare, contact, event.eventId() + "/approved", outbox);
                } else {
                    SubscriptionState after = before.inboundSubscribe();
                    if (!after.equals(before)) {
                        store.save(owner, current.withState(after).withPendingStanza(event.xml()));
                        deliverToAvailable(ownerBare, event, outbox);
                    }
                }
            }
            case "subscribed" -> changeAndDeliver(event, ownerBare, owner, current,
                    current.withState(before.inboundSubscribed()), outbox);
            case "unsubscribe" -> {
                RosterItem next = current.withState(before.inboundUnsubscribe());
                if (!before.subscription().from()) {
                    // only a pending request withdrawn: forgotten quietly, as Prosody does, rather than shown to the
                    // owner as a stanza that may cross the owner's own refusal in flight
                    save(event, ownerBare, owner, current, next, outbox);
                } else if (changeAndDeliver(event, ownerBare, owner, current, next, outbox)) {
                    local.unavailable(ownerBare, contact, event.eventId() + "/gone", outbox); // §3.3.3
                }
            }
            case "unsubscribed" -> changeAndDeliver(event, ownerBare, owner, current,
                    current.withState(before.inboundUnsubscribed()), outbox);
            default -> {
                // not a subscription stanza
            }
        }
    }

    /** Applies a change; only a change is delivered to the owner's available resources (Appendix A.3). */
    private boolean changeAndDeliver(StanzaReceivedEvent event, String ownerBare, String owner, RosterItem current,
                                     RosterItem next, Outbox outbox) {
        if (next.equals(current)) {
            return false;
        }
        save(event, ownerBare, owner, current, next, outbox);
        deliverToAvailable(ownerBare, event, outbox);
        return true;
    }

    private void deliverToAvailable(String ownerBare, StanzaReceivedEvent event, Outbox outbox) {
        SessionDirectory directory = local.directory();
        for (SessionEntry s : directory.available(ownerBare)) {
            outbox.deliver(event.eventId(), s, event.xml());
        }
    }

    /**
     * A subscription stanza from the owner to a contact, stamped with the owner's bare JID (RFC 6121 §3.1.2): applied
     * to a local contact's account at once; sent to a remote one's server over federation (without federation, a
     * request stays pending and its sender hears {@code remote-server-not-found}).
     */
    public void send(StanzaReceivedEvent cause, String ownerBare, String contactBare, String type, XmlElement original,
                     Outbox outbox) {
        var b = XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", ownerBare).attribute("to", contactBare)
                .attribute("type", type);
        if (original != null) {
            if (original.attribute("id") != null) {
                b.attribute("id", original.attribute("id"));
            }
            original.children().forEach(b::child);
        }
        XmlElement stamped = b.build();
        if (local.isLocal(contactBare)) {
            var inbound = new StanzaReceivedEvent(cause.eventId() + "/" + type, "presence", type, ownerBare,
                    contactBare, stamped.toXml(), cause.edgeId(), null, cause.receivedAt());
            inbound(contactBare, inbound, stamped, outbox);
        } else if (local.isRemote(contactBare)) {
            local.remote(cause.eventId() + "/" + type, stamped, outbox);
        } else if ("subscribe".equals(type) && original != null) {
            outbox.reply(cause.eventId() + "/remote", cause, StanzaErrors.errorReply(
                    original.withAttribute("to", contactBare), StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, null));
        }
    }

    /** Stores a change, and pushes it when the owner sees the item (it was, or now is, in the roster). */
    private void save(StanzaReceivedEvent event, String ownerBare, String owner, RosterItem current, RosterItem next,
                      Outbox outbox) {
        if (next.equals(current)) {
            return;
        }
        store.save(owner, next);
        if (next.listed()) {
            local.push(ownerBare, RosterXml.item(next), store.nextVersion(owner), event.eventId(), outbox);
        }
    }
}
