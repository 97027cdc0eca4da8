package io.xsg.edge.delivery;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.kafka.KafkaClients;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Everything the edge writes to Kafka, through one idempotent producer: received stanzas, its sessions'
 * directory entries, and its heartbeat. {@code send} never blocks on metadata because the topics are looked up
 * before the listeners open.
 */
@Component
public class EdgePublisher implements DisposableBean {

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final JsonSerde<StanzaReceivedEvent> stanzaSerde = EventSerdes.stanzaReceived();
    private final JsonSerde<AccountStanzaEvent> accountSerde = EventSerdes.accountStanza();
    private final JsonSerde<SessionEntry> entrySerde = EventSerdes.sessionEntry();
    private final JsonSerde<EdgeHeartbeat> heartbeatSerde = EventSerdes.edgeHeartbeat();

    @Autowired
    public EdgePublisher(KafkaProperties kafka, Topics topics) {
        // a send must not park a Netty event loop if the broker is gone and the buffer full: fail fast, tell the
        // client (metadata is fetched before the listeners open, so this bounds only the full-buffer case)
        this(KafkaClients.producer(kafka.buildProducerProperties(), Duration.ofMillis(200), 0), topics);
    }

    /** Over a producer of the caller's (Kafka's {@code MockProducer} in unit tests). */
    public EdgePublisher(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** Warms the producer's metadata so that sends from event loops do not wait for it. */
    public void warmUp() {
        producer.partitionsFor(topics.stanzas());
        producer.partitionsFor(topics.accountStanzas());
        producer.partitionsFor(topics.sessionDirectory());
        producer.partitionsFor(topics.edgeHeartbeats());
    }

    public CompletableFuture<Void> stanza(StanzaReceivedEvent event) {
        return send(topics.stanzas(), event.routingKey(), stanzaSerde.serialize(topics.stanzas(), event));
    }

    /** A stanza whose only business is its sender's account (presence, roster): straight to the session service. */
    public CompletableFuture<Void> accountStanza(AccountStanzaEvent event) {
        return send(topics.accountStanzas(), event.account(), accountSerde.serialize(topics.accountStanzas(), event));
    }

    public CompletableFuture<Void> sessionUpdated(SessionEntry entry) {
        return send(topics.sessionDirectory(), entry.sessionId(),
                entrySerde.serialize(topics.sessionDirectory(), entry));
    }

    public CompletableFuture<Void> sessionClosed(String sessionId) {
        return send(topics.sessionDirectory(), sessionId, null);
    }

    public CompletableFuture<Void> heartbeat(EdgeHeartbeat heartbeat) {
        return send(topics.edgeHeartbeats(), heartbeat.edgeId(),
                heartbeatSerde.serialize(topics.edgeHeartbeats(), heartbeat));
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value) {
        var done = new CompletableFuture<Void>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
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
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
