package io.xsg.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.bridge.SubscriberDirectory.Subscriber;
import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.kafka.DeadLetters;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What routing delivers to pseudo clients, read from the bridge edge's delivery topic: a message with a body becomes
 * an SMS in the handset's outbox, from the sender's virtual number for that handset; a contact coming online becomes
 * a notice for a handset that asked (NOTIFY ON, at most once per contact per {@code gateway.sms.notify-interval}); a
 * subscription request a notice saying how to accept it; an error for something the handset wrote, a notice saying it
 * did not arrive. An IQ gets {@code service-unavailable}: a phone answers none. A message for a pseudo session that
 * logged out meanwhile goes round routing again (offline storage or another resource), as an edge does with a stream
 * that closed. Read in a consumer group of its own (instances share the partitions); commits after each batch's
 * effect is durable; a redelivered record queues nothing twice.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true) // off in the host's CLI
public class PseudoClientInbox {

    private static final Logger log = LoggerFactory.getLogger(PseudoClientInbox.class);
    static final String GROUP = "session-service.sms-bridge";

    private final Topics topics;
    private final Handsets handsets;
    private final HandsetOutbox outboxes;
    private final VirtualNumbers numbers;
    private final PseudoClients pseudo;
    private final SubscriberDirectory subscribers;
    private final BridgeStanzas stanzas;
    private final SmsBridgeProperties properties;
    private final StanzaPublisher publisher;
    private final TransactionTemplate transactions;
    private final MeterRegistry registry;
    private final Clock clock;

    public PseudoClientInbox(Topics topics, Handsets handsets, HandsetOutbox outboxes,
                             VirtualNumbers numbers, PseudoClients pseudo, SubscriberDirectory subscribers,
                             BridgeStanzas stanzas, SmsBridgeProperties properties, StanzaPublisher publisher,
                             TransactionTemplate transactions, MeterRegistry registry, Clock clock) {
        this.topics = topics;
        this.handsets = handsets;
        this.outboxes = outboxes;
        this.numbers = numbers;
        this.pseudo = pseudo;
        this.subscribers = subscribers;
        this.stanzas = stanzas;
        this.properties = properties;
        this.publisher = publisher;
        this.transactions = transactions;
        this.registry = registry;
        this.clock = clock;
    }

    /** A poll's worth of this group's partitions of the bridge edge's delivery topic; committed when this returns. */
    @KafkaListener(id = "pseudo-clients", groupId = GROUP,
            topics = "#{@topics.edgeDelivery(T(io.xsg.bridge.PseudoClients).EDGE_ID)}",
            containerFactory = SmsBridgeConfiguration.LISTENER_FACTORY)
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<EdgeDeliveryEvent> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                EdgeDeliveryEvent delivery = EventSerdes.edgeDelivery().deserialize(r.topic(), r.value());
                if (delivery != null) {
                    batch.add(delivery);
                }
            } catch (RuntimeException unreadable) {
                DeadLetters.countSkipped(registry, r.topic());
                log.warn("unreadable delivery at {}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(),
                        unreadable.toString());
            }
        }
        if (!batch.isEmpty()) {
            handleBatch(batch);
        }
    }

    /** One transaction and one wait for Kafka per poll; on failure each delivery on its own. */
    private void handleBatch(List<EdgeDeliveryEvent> batch) {
        try {
            transactions.executeWithoutResult(tx -> {
                var out = BridgeOutput.sending(publisher, topics);
                batch.forEach(delivery -> handle(delivery, out));
                out.await();
            });
        } catch (RuntimeException e) {
            log.warn("a batch of {} pseudo client deliveries failed ({}); one by one", batch.size(), e.toString());
            for (EdgeDeliveryEvent delivery : batch) {
                try {
                    transactions.executeWithoutResult(tx -> {
                        var out = BridgeOutput.sending(publisher, topics);
                        handle(delivery, out);
                        out.await();
                    });
                } catch (RuntimeException again) {
                    DeadLetters.countSkipped(registry, topics.edgeDelivery(PseudoClients.EDGE_ID));
                    log.error("delivery {} to a pseudo client dropped: {}", delivery.deliveryId(), again.toString());
                }
            }
        }
    }

    void handle(EdgeDeliveryEvent delivery, BridgeOutput out) {
        Optional<String> msisdn = handsets.bySession(delivery.sessionId());
        if (msisdn.isPresent()) {
            handsets.lock(msisdn.get());
            // still that session once locked? a LOGOUT and LOGIN may have committed meanwhile
            if (!handsets.login(msisdn.get()).map(l -> l.sessionId().equals(delivery.sessionId())).orElse(false)) {
                msisdn = Optional.empty();
            }
        }
        if (delivery.action() == EdgeDeliveryEvent.Action.CLOSE_STREAM) {
            msisdn.ifPresent(m -> pseudo.logout(m, out));
            return;
        }
        XmlElement stanza = Stanzas.parse(delivery.payload());
        if (msisdn.isEmpty() || subscribers.byNumber(msisdn.get()).isEmpty()) {
            again(delivery, stanza, out);
            return;
        }
        String handset = msisdn.get();
        handsets.lock(handset);
        Subscriber subscriber = subscribers.byNumber(handset).orElseThrow();
        String from = stanza.attribute("from");
        if (from == null) {
            return;
        }
        switch (stanza.name()) {
            case "message" -> message(delivery, handset, subscriber, stanza, from, out);
            case "presence" -> presence(delivery, handset, subscriber, stanza, from, out);
            case "iq" -> {
                String type = stanza.attribute("type");
                if ("get".equals(type) || "set".equals(type)) {
                    out.stanza(stanzas.event(delivery.deliveryId() + "/answer", StanzaErrors.errorReply(stanza,
                            StanzaErrorCondition.SERVICE_UNAVAILABLE, "a phone answers no queries")));
                }
            }
            default -> {
            }
        }
    }

    private void message(EdgeDeliveryEvent delivery, String handset, Subscriber subscriber, XmlElement message,
                         String from, BridgeOutput out) {
        String sender = JidParts.bare(from);
        if ("error".equals(message.attribute("type"))) {
            XmlElement error = message.firstChild("error", message.namespace());
            String condition = error == null || error.childElements().isEmpty() ? "error"
                    : error.childElements().get(0).name();
            notice(delivery, handset, "Your message to " + sender + " was not delivered (" + condition + ").", out);
            return;
        }
        XmlElement body = message.firstChild("body", message.namespace());
        if (body == null || body.text().isBlank()) {
            return; // chat states, receipts: nothing to text
        }
        Instant now = clock.instant();
        Instant asked = Amp.expiresAt(Amp.rules(message));
        var sms = new HandsetOutbox.Sms(handset, new SmsSource(SmsSource.Kind.SHORT_CODE,
                numbers.numberFor(handset, sender)), body.text(),
                asked != null ? asked : now.plus(properties.defaultExpiry()), from,
                pseudo.fullJid(subscriber.username()), message.attribute("id"),
                message.firstChild("request", Namespaces.RECEIPTS) != null);
        outboxes.enqueue(delivery.deliveryId(), sms, out);
    }

    private void presence(EdgeDeliveryEvent delivery, String handset, Subscriber subscriber, XmlElement presence,
                          String from, BridgeOutput out) {
        String contact = JidParts.bare(from);
        if (contact.equals(subscriber.username() + "@" + stanzas.domain())) {
            return; // the user's own other resources
        }
        String type = presence.attribute("type");
        if (type == null) {
            if (handsets.wantsNotices(handset) && handsets.noticeDue(handset, contact, properties.notifyInterval())) {
                String number = numbers.existing(handset, contact).map(n -> " (" + n + ")").orElse("");
                notice(delivery, handset, contact + number + " is online.", out);
            }
        } else if ("subscribe".equals(type)) {
            notice(delivery, handset, contact + " wants to add you as a contact. Text ADD " + contact + " to "
                    + properties.shortCode() + " to accept.", out);
        }
    }

    private void notice(EdgeDeliveryEvent delivery, String handset, String text, BridgeOutput out) {
        outboxes.enqueue(delivery.deliveryId() + "/notice", HandsetOutbox.Sms.notice(handset,
                properties.shortCode(), text, clock.instant().plus(properties.defaultExpiry())), out);
    }

    /** For a session that is gone: a message goes round routing again, which will not pick that session. */
    private void again(EdgeDeliveryEvent delivery, XmlElement stanza, BridgeOutput out) {
        if (!"message".equals(stanza.name()) || "error".equals(stanza.attribute("type"))
                || stanza.attribute("from") == null) {
            return;
        }
        log.debug("delivery {} for gone pseudo session {} routed again", delivery.deliveryId(), delivery.sessionId());
        out.stanza(new StanzaReceivedEvent(delivery.deliveryId() + "/again", "message", stanza.attribute("type"),
                stanza.attribute("from"), stanza.attribute("to"), delivery.payload(), null, null,
                clock.millis(), delivery.sessionId()));
    }
}
