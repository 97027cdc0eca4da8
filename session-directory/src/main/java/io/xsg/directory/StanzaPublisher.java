package io.xsg.directory;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes deliveries to the target edge's topic, keyed by session id so that one stream's stanzas keep their
 * order. Idempotent producer: a retried send is not duplicated by Kafka; a re-sent delivery is dropped by the edge on
 * its delivery id. Used by every service that writes to client streams (routing, the session service).
 */
public final class EdgeDeliveries implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final JsonSerde<EdgeDeliveryEvent> serde = EventSerdes.edgeDelivery();

    /** @param producerProperties the service's Kafka producer settings; idempotence and acks=all are forced */
    public EdgeDeliveries(Map<String, Object> producerProperties, Topics topics) {
        Map<String, Object> props = new java.util.HashMap<>(producerProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // an edge topic that vanished must not stall the caller for a minute: metadata waits are bounded
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
    }

    public CompletableFuture<Void> publish(Delivery delivery) {
        return publish(delivery.edgeId(), delivery.event());
    }

    public CompletableFuture<Void> publish(String edgeId, EdgeDeliveryEvent event) {
        String topic = topics.edgeDelivery(edgeId);
        var done = new CompletableFuture<Void>();
        try {
            producer.send(new ProducerRecord<>(topic, event.sessionId(), serde.serialize(topic, event)),
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
