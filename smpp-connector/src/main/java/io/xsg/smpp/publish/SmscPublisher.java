package io.xsg.smpp.publish;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsMoPart;
import io.xsg.events.v1.sms.SmscEvent;
import io.xsg.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Everything the connector writes to Kafka, through one idempotent producer with {@code acks=all}: a future
 * completes only once the event is durable, which is when the connector answers the SMSC or commits a submit.
 * Events of one handset go out in the order they are handed in, because they share a key and a producer.
 */
public final class SmscPublisher implements AutoCloseable {

    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final JsonSerde<SmscEvent> eventSerde = EventSerdes.smscEvent();
    private final JsonSerde<SmsMoPart> partSerde = EventSerdes.smsMoPart();
    private final JsonSerde<io.xsg.events.v1.sms.SmscLinkStatus> statusSerde = EventSerdes.smscLinkStatus();

    public SmscPublisher(Map<String, Object> producerProperties, Topics topics) {
        // deliver_sm is published from Netty's I/O thread: with the topics' metadata warmed at start a send blocks
        // only on a full buffer (Kafka gone), and then must fail fast (the SMSC is told to retry), not stall the link
        this.producer = KafkaClients.producer(producerProperties, java.time.Duration.ofMillis(200), 1);
        this.topics = topics;
    }

    /** Fetches the metadata of the topics the I/O thread publishes to, so that no send waits for it. */
    public void warmUp(String linkId) {
        for (String topic : List.of(topics.smscEvents(), topics.smsMoParts(linkId))) {
            long deadline = System.nanoTime() + WARM_UP.toNanos();
            while (true) {
                try {
                    producer.partitionsFor(topic); // waits max.block.ms at most
                    break;
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no metadata for " + topic + " within " + WARM_UP, e);
                    }
                }
            }
        }
    }

    public CompletableFuture<Void> publish(SmscEvent event) {
        String topic = topics.smscEvents();
        return send(new ProducerRecord<>(topic, event.handset(), eventSerde.serialize(topic, event)));
    }

    public CompletableFuture<Void> publishStatus(io.xsg.events.v1.sms.SmscLinkStatus status) {
        String topic = topics.smscLinkStatus();
        return send(new ProducerRecord<>(topic, status.linkId(), statusSerde.serialize(topic, status)));
    }

    public CompletableFuture<Void> publishPart(SmsMoPart part) {
        String topic = topics.smsMoParts(part.linkId());
        return send(new ProducerRecord<>(topic, part.handset(), partSerde.serialize(topic, part)));
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        var future = new CompletableFuture<Void>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    future.complete(null);
                } else {
                    future.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
