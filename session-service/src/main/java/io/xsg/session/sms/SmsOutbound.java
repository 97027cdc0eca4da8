package io.xsg.session.sms;

import io.xsg.bridge.BridgeOutput;
import io.xsg.bridge.BridgeStanzas;
import io.xsg.bridge.HandsetOutbox;
import io.xsg.bridge.Handsets;
import io.xsg.bridge.SmsBridgeProperties;
import io.xsg.bridge.VirtualNumbers;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.session.config.XmppDomainProperties;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.presence.LocalDeliveries;
import io.xsg.session.subscriber.SubscriberStore;
import io.xsg.sms.address.InvalidMsisdnException;
import io.xsg.sms.address.PhoneNumbers;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The SMS bridge's door for messages to phone numbers ({@code +E164@sms.<domain>}), reached on the number's
 * partition of {@code xmpp.account-stanzas}, so one handset's SMS keep their order whoever writes them. It keeps the
 * gateway from being an open relay: only a handset subscriber, a content-provider account, or a content provider of
 * another domain named in {@code gateway.sms.remote-senders} (over federation) may text a number; anyone else gets
 * {@code forbidden}, a number that is not E.164 {@code item-not-found}. An allowed message with a
 * body becomes an {@code SmsSubmitRequest} for the link's connector (its XEP-0079 {@code expire-at}, or the configured
 * default, as the SMS's validity), queued through the transactional outbox in the
 * same transaction as its correlation row ({@link SmsSubmits}); its submit result and receipts come back through
 * {@link SmscEventsToXmpp}. A message without a body (a chat state) has nothing to text and is not sent.
 */
@Component
public class SmsOutbound {

    private final SubscriberStore subscribers;
    private final XmppDomainProperties xmpp;
    private final LocalDeliveries local;
    private final HandsetOutbox outboxes;
    private final Handsets handsets;
    private final VirtualNumbers numbers;
    private final BridgeStanzas stanzas;
    private final SmsBridgeProperties properties;
    private final Topics topics;
    private final Clock clock;
    private final PhoneNumbers phoneNumbers = new PhoneNumbers("ZZ");

    public SmsOutbound(SubscriberStore subscribers, XmppDomainProperties xmpp, LocalDeliveries local,
                       HandsetOutbox outboxes, Handsets handsets, VirtualNumbers numbers, BridgeStanzas stanzas,
                       SmsBridgeProperties properties, Topics topics, Clock clock) {
        this.subscribers = subscribers;
        this.xmpp = xmpp;
        this.local = local;
        this.outboxes = outboxes;
        this.handsets = handsets;
        this.numbers = numbers;
        this.stanzas = stanzas;
        this.properties = properties;
        this.topics = topics;
        this.clock = clock;
    }

    /** @param number the local part of the address: the phone number as written */
    public void handle(String number, StanzaReceivedEvent event, Outbox outbox) {
        XmlElement message = Stanzas.parse(event.xml());
        String senderBare = JidParts.bare(event.from());
        String username = xmpp.username(senderBare);
        boolean allowed = username != null ? subscribers.maySendSms(username)
                : local.isRemote(senderBare) && properties.remoteSenderAllowed(senderBare);
        if (!allowed) {
            refuse(event, message, StanzaErrorCondition.FORBIDDEN,
                    "only subscribers and content providers may send SMS", outbox);
            return;
        }
        String handset;
        try {
            handset = phoneNumbers.parse(number).e164();
        } catch (InvalidMsisdnException e) {
            refuse(event, message, StanzaErrorCondition.ITEM_NOT_FOUND, "not a phone number: " + e.getMessage(),
                    outbox);
            return;
        }
        XmlElement body = message.firstChild("body", message.namespace());
        if (body == null || body.text().isBlank()) {
            return;
        }
        handsets.lock(handset);
        String sender = JidParts.bare(event.from());
        var source = new SmsSource(SmsSource.Kind.SHORT_CODE, numbers.numberFor(handset, sender));
        outboxes.enqueue(event.eventId() + "/sms", new HandsetOutbox.Sms(handset, source, body.text(), expiry(message, clock.instant()),
                event.from(), stanzas.numberJid(handset), message.attribute("id"),
                message.firstChild("request", Namespaces.RECEIPTS) != null), into(outbox));
    }

    /** The bridge's output joins the stanza's transactional outbox. */
    private BridgeOutput into(Outbox outbox) {
        return new BridgeOutput() {
            @Override
            public void submit(String topic, SmsSubmitRequest request) {
                outbox.publish(topic, request.destination(),
                        new String(EventSerdes.smsSubmit().serialize(topic, request), StandardCharsets.UTF_8));
            }

            @Override
            public void stanza(StanzaReceivedEvent event) {
                outbox.publish(topics.stanzas(), event.routingKey(), new String(
                        EventSerdes.stanzaReceived().serialize(topics.stanzas(), event), StandardCharsets.UTF_8));
            }

            @Override
            public void directory(String sessionId, SessionEntry entry) {
                throw new UnsupportedOperationException("pseudo clients change on SMS and timers, not on stanzas");
            }
        };
    }

    /** XEP-0079 {@code expire-at} when the message has one, the configured default otherwise. */
    private Instant expiry(XmlElement message, Instant now) {
        Instant asked = Amp.expiresAt(Amp.rules(message));
        return asked != null ? asked : now.plus(properties.defaultExpiry());
    }

    private void refuse(StanzaReceivedEvent event, XmlElement message, StanzaErrorCondition condition, String text,
                        Outbox outbox) {
        XmlElement error = StanzaErrors.errorReply(message, condition, text);
        if (local.isRemote(JidParts.bare(event.from()))) {
            local.remote(event.eventId() + "/sms", error, outbox); // back over federation
            return;
        }
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
