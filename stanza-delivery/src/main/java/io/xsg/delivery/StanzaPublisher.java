package io.xsg.delivery;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.kafka.KafkaClients;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What routing and the session service publish about stanzas, through one idempotent producer: deliveries to the
 * target edge's topic, keyed by session id so that one stream's stanzas keep their order (a re-sent delivery is
 * dropped by the edge on its delivery id), and stanzas forwarded to an account's state in the session service, keyed
 * by that account.
 */
public final class StanzaPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final JsonSerde<EdgeDeliveryEvent> serde = EventSerdes.edgeDelivery();
    private final JsonSerde<AccountStanzaEvent> accountSerde = EventSerdes.accountStanza();
    private final JsonSerde<StanzaReceivedEvent> stanzaSerde = EventSerdes.stanzaReceived();

    /** @param producerProperties the service's Kafka producer settings; idempotence and acks=all are forced */
    public StanzaPublisher(Map<String, Object> producerProperties, Topics topics) {
        // an edge topic that vanished must not stall the caller for a minute: metadata waits are bounded
        this.producer = KafkaClients.producer(producerProperties, Duration.ofSeconds(5), 0);
        this.topics = topics;
    }

    public CompletableFuture<Void> publish(Delivery delivery) {
        return publish(delivery.edgeId(), delivery.event());
    }

    public CompletableFuture<Void> publish(String edgeId, EdgeDeliveryEvent event) {
        String topic = topics.edgeDelivery(edgeId);
        return send(topic, event.sessionId(), serde.serialize(topic, event));
    }

    /** A stanza for the session service to apply to {@link AccountStanzaEvent#account()}'s state. */
    public CompletableFuture<Void> forward(AccountStanzaEvent event) {
        String topic = topics.accountStanzas();
        return send(topic, event.account(), accountSerde.serialize(topic, event));
    }

    /**
     * A stanza for another domain, to the edge that owns the stream to it (federation): keyed by the remote domain, so
     * one domain's stanzas keep their order and one edge at a time sends them.
     */
    public CompletableFuture<Void> toRemote(StanzaReceivedEvent event) {
        String topic = topics.s2sOut();
        return send(topic, remoteDomain(event), stanzaSerde.serialize(topic, event));
    }

    /** The key of a stanza for another domain: that domain, from its {@code to}. */
    public static String remoteDomain(StanzaReceivedEvent event) {
        String to = event.to();
        int slash = to.indexOf('/'); // RFC 7622: the resource starts at the first '/', and may hold '@'
        int end = slash < 0 ? to.length() : slash;
        return to.substring(to.lastIndexOf('@', end) + 1, end).toLowerCase(java.util.Locale.ROOT);
    }

    /** The topic a delivery goes to. */
    public String topicOf(Delivery delivery) {
        return topics.edgeDelivery(delivery.edgeId());
    }

    /** The serialised form of a delivery, as {@link #publish(Delivery)} writes it. */
    public byte[] serialize(Delivery delivery) {
        return serde.serialize(topicOf(delivery), delivery.event());
    }

    /** The serialised form of a forwarded stanza, as {@link #forward} writes it. */
    public byte[] serialize(AccountStanzaEvent event) {
        return accountSerde.serialize(topics.accountStanzas(), event);
    }

    public String accountStanzasTopic() {
        return topics.accountStanzas();
    }

    /** A record already serialised (a transactional outbox relaying what it stored). */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        var done = new CompletableFuture<Void>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                        if (error == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
