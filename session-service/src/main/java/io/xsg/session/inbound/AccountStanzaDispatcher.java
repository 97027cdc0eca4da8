package io.xsg.session.inbound;

import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.offline.OfflineHandler;
import io.xsg.session.presence.PresenceBroadcaster;
import io.xsg.session.presence.SubscriptionHandler;
import io.xsg.session.roster.RosterHandler;
import io.xsg.session.sms.SmsOutbound;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Hands each account stanza to its handler by purpose; the caller owns the transaction and the outbox. */
@Component
public class AccountStanzaDispatcher {

    private static final Set<String> SUBSCRIPTION_TYPES = Set.of("subscribe", "subscribed", "unsubscribe",
            "unsubscribed");

    private final RosterHandler roster;
    private final SubscriptionHandler subscriptions;
    private final PresenceBroadcaster presence;
    private final OfflineHandler offline;
    private final SmsOutbound sms;

    public AccountStanzaDispatcher(RosterHandler roster, SubscriptionHandler subscriptions,
                                   PresenceBroadcaster presence, OfflineHandler offline, SmsOutbound sms) {
        this.sms = sms;
        this.roster = roster;
        this.subscriptions = subscriptions;
        this.presence = presence;
        this.offline = offline;
    }

    public void handle(AccountStanzaEvent work, Outbox outbox) {
        StanzaReceivedEvent event = work.stanza();
        switch (work.purpose()) {
            case ROSTER -> roster.handle(event, Stanzas.parse(event.xml()), outbox);
            case OFFLINE_MESSAGE -> offline.offer(work.account(), event, outbox);
            case SMS_OUTBOUND -> sms.handle(work.account(), event, outbox);
            case INBOUND_SUBSCRIPTION -> subscriptions.inbound(work.account(), event, Stanzas.parse(event.xml()),
                    outbox);
            case PROBE -> presence.probe(work.account(), event, outbox);
            case OUTBOUND_PRESENCE -> {
                XmlElement stanza = Stanzas.parse(event.xml());
                if (event.to() != null && SUBSCRIPTION_TYPES.contains(event.type())) {
                    subscriptions.outbound(event, stanza, outbox);
                } else {
                    presence.outbound(event, stanza, outbox);
                }
            }
        }
    }
}
