package io.xsg.session.sms;

import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.config.XmppDomainProperties;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.presence.LocalDeliveries;
import io.xsg.session.subscriber.SubscriberStore;
import io.xsg.sms.address.InvalidMsisdnException;
import io.xsg.sms.address.PhoneNumbers;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import org.springframework.stereotype.Component;

/**
 * The SMS bridge's door for messages to phone numbers ({@code +E164@sms.<domain>}), reached on the number's
 * partition of {@code xmpp.account-stanzas}. It keeps the gateway from being an open relay: only a handset
 * subscriber or a content-provider account may text a number; anyone else gets {@code forbidden}, a number that is
 * not E.164 {@code item-not-found}. Submitting the SMS is the bridge's next step (issue 10); until it exists an
 * allowed sender is told {@code service-unavailable} at once instead of waiting for a receipt that cannot come.
 */
@Component
public class SmsOutbound {

    private final SubscriberStore subscribers;
    private final XmppDomainProperties xmpp;
    private final LocalDeliveries local;
    private final PhoneNumbers numbers = new PhoneNumbers("ZZ");

    public SmsOutbound(SubscriberStore subscribers, XmppDomainProperties xmpp, LocalDeliveries local) {
        this.subscribers = subscribers;
        this.xmpp = xmpp;
        this.local = local;
    }

    /** @param number the local part of the address: the phone number as written */
    public void handle(String number, StanzaReceivedEvent event, Outbox outbox) {
        XmlElement message = Stanzas.parse(event.xml());
        String username = xmpp.username(JidParts.bare(event.from()));
        if (username == null || !subscribers.maySendSms(username)) {
            refuse(event, message, StanzaErrorCondition.FORBIDDEN,
                    "only subscribers and content providers may send SMS", outbox);
            return;
        }
        try {
            numbers.parse(number);
        } catch (InvalidMsisdnException e) {
            refuse(event, message, StanzaErrorCondition.ITEM_NOT_FOUND, "not a phone number: " + e.getMessage(),
                    outbox);
            return;
        }
        refuse(event, message, StanzaErrorCondition.SERVICE_UNAVAILABLE, "SMS delivery is not running yet", outbox);
    }

    private void refuse(StanzaReceivedEvent event, XmlElement message, StanzaErrorCondition condition, String text,
                        Outbox outbox) {
        XmlElement error = StanzaErrors.errorReply(message, condition, text);
        if (event.sessionId() != null) {
            outbox.reply(event.eventId() + "/sms", event, error);
            return;
        }
        SessionEntry sender = local.session(event); // re-sent by the server: its stream is in the event no more
        if (sender != null) {
            outbox.deliver(event.eventId() + "/sms", sender, error);
        }
    }
}
