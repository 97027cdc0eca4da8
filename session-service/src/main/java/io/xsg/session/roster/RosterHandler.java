package io.xsg.session.roster;

import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.config.SessionProperties;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.presence.LocalDeliveries;
import io.xsg.session.presence.SubscriptionHandler;
import io.xsg.session.roster.RosterStore;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.xml.XmlElement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.springframework.stereotype.Component;

/**
 * Roster get, set and remove (RFC 6121 §2), with versioning (XEP-0237) and pushes to every interested resource.
 * Removing a contact also ends the subscriptions both ways (§2.5.2). Runs inside the stanza's transaction.
 */
@Component
public class RosterHandler {

    static final int MAX_NAME_LENGTH = 1023;

    private final RosterStore store;
    private final LocalDeliveries local;
    private final SubscriptionHandler subscriptions;
    private final int maxItems;

    public RosterHandler(RosterStore store, LocalDeliveries local, SubscriptionHandler subscriptions,
                         SessionProperties properties) {
        this.store = store;
        this.local = local;
        this.subscriptions = subscriptions;
        this.maxItems = properties.roster().maxItems();
    }

    public void handle(StanzaReceivedEvent event, XmlElement iq, Outbox outbox) {
        String ownerBare = JidParts.bare(event.from());
        String owner = JidParts.parse(ownerBare).local();
        XmlElement query = iq.firstChild("query", RosterXml.NAMESPACE);
        if ("get".equals(iq.attribute("type"))) {
            long version = store.version(owner);
            String ver = query.attribute("ver");
            if (ver != null && ver.equals(Long.toString(version))) {
                outbox.reply(event.eventId(), event, RosterXml.result(iq).build()); // §2.6.3: nothing changed
                return;
            }
            List<RosterItem> items = store.all(owner).stream().filter(RosterItem::listed).toList();
            outbox.reply(event.eventId(), event, RosterXml.result(iq, items, version));
            return;
        }
        if (!"set".equals(iq.attribute("type"))) {
            outbox.reply(event.eventId(), event, StanzaErrors.errorReply(iq, StanzaErrorCondition.BAD_REQUEST, null));
            return;
        }
        List<XmlElement> items = query.childElements().stream().filter(e -> "item".equals(e.name())).toList();
        if (items.size() != 1) {
            refuse(event, iq, StanzaErrorCondition.BAD_REQUEST, "a roster set carries exactly one item", outbox);
            return;
        }
        XmlElement item = items.get(0);
        String contact;
        try {
            contact = JidCreate.bareFrom(item.attribute("jid") == null ? "" : item.attribute("jid")).toString();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            refuse(event, iq, StanzaErrorCondition.BAD_REQUEST, "invalid jid", outbox);
            return;
        }
        if ("remove".equals(item.attribute("subscription"))) {
            remove(event, iq, ownerBare, owner, contact, outbox);
        } else {
            update(event, iq, ownerBare, owner, contact, item, outbox);
        }
    }

    private void update(StanzaReceivedEvent event, XmlElement iq, String ownerBare, String owner, String contact,
                        XmlElement item, Outbox outbox) {
        String name = item.attribute("name");
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            name = name.isBlank() ? null : name.substring(0, MAX_NAME_LENGTH);
        }
        Set<String> groups = new LinkedHashSet<>();
        for (XmlElement g : item.childElements()) {
            if (!"group".equals(g.name()) || !RosterXml.NAMESPACE.equals(g.namespace())) {
                continue;
            }
            String group = g.text().trim();
            if (group.isEmpty() || group.length() > MAX_NAME_LENGTH) {
                refuse(event, iq, StanzaErrorCondition.NOT_ACCEPTABLE, "empty or overlong group name", outbox);
                return; // §2.3.3
            }
            if (!groups.add(group)) {
                refuse(event, iq, StanzaErrorCondition.BAD_REQUEST, "duplicate group " + group, outbox);
                return;
            }
        }
        RosterItem current = store.find(owner, contact).orElse(RosterItem.unknown(contact));
        if (!current.listed() && store.listedCount(owner) >= maxItems) {
            refuse(event, iq, StanzaErrorCondition.NOT_ALLOWED, "roster full (" + maxItems + " contacts)", outbox);
            return;
        }
        // the subscription and ask attributes of a set are the server's to decide, never the client's (§2.1.2)
        RosterItem next = current.listedWith(name, groups);
        if (!next.equals(current)) {
            store.save(owner, next);
            local.push(ownerBare, RosterXml.item(next), store.nextVersion(owner), event.eventId(), outbox);
        }
        // after the push: a client that waits for the result then finds its roster already updated
        outbox.reply(event.eventId(), event, RosterXml.result(iq).build());
    }

    private void remove(StanzaReceivedEvent event, XmlElement iq, String ownerBare, String owner, String contact,
                        Outbox outbox) {
        RosterItem current = store.find(owner, contact).orElse(null);
        if (current == null || !current.listed()) {
            refuse(event, iq, StanzaErrorCondition.ITEM_NOT_FOUND, null, outbox);
            return;
        }
        SubscriptionState state = current.state();
        // §2.5.2: cancel both directions on the contact's side
        if (state.subscription().to() || state.pendingOut()) {
            subscriptions.send(event, ownerBare, contact, "unsubscribe", null, outbox);
        }
        if (state.subscription().from() || state.pendingIn()) {
            subscriptions.send(event, ownerBare, contact, "unsubscribed", null, outbox);
            if (state.subscription().from()) {
                local.unavailable(ownerBare, contact, event.eventId() + "/gone", outbox);
            }
        }
        store.delete(owner, contact);
        local.push(ownerBare, RosterXml.removed(contact), store.nextVersion(owner), event.eventId(), outbox);
        outbox.reply(event.eventId(), event, RosterXml.result(iq).build());
    }

    private static void refuse(StanzaReceivedEvent event, XmlElement iq, StanzaErrorCondition condition, String text,
                               Outbox outbox) {
        outbox.reply(event.eventId(), event, StanzaErrors.errorReply(iq, condition, text));
    }
}
