package io.xsg.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a consumer puts a record it cannot handle (unreadable, or a handler that fails on it every time) instead of
 * logging and losing it: the same key and value, unchanged, on {@code <topic>-dlt}, with headers saying where it
 * came from and why (the names Spring Kafka's {@code DeadLetterPublishingRecoverer} uses, so its tools read them).
 * Counted as {@code kafka.dead.letters{topic}}. An operator replays a dead letter, once its cause is fixed, by
 * producing its key and value back to the original topic (see the README).
 *
 * <p>Only for consumers that own their records (a consumer group, or an edge's own topic). A follower that every
 * instance runs (the directory, the console) counts what it skips but writes no dead letters: N instances would
 * write N copies.
 */
public final class DeadLetters implements AutoCloseable {

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String EXCEPTION_CLASS = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param producerProperties the service's producer settings; idempotence and acks=all are forced */
    public DeadLetters(Map<String, Object> producerProperties, MeterRegistry registry) {
        this.producer = new KafkaProducer<>(KafkaClients.producerSettings(producerProperties, Duration.ofSeconds(5), 5),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.registry = registry;
    }

    public static String topicFor(String topic) {
        return Topics.deadLetters(topic);
    }

    /**
     * Writes the record to its dead-letter topic and waits for Kafka's acknowledgement (up to 10 s), so that the
     * caller may then commit past it. Returns false if it could not be written: the caller should not commit past it.
     */
    public boolean send(ConsumerRecord<?, byte[]> record, byte[] rawKey, Throwable cause) {
        counter(record.topic()).increment();
        log.error("dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                cause.toString());
        try {
            producer.send(new ProducerRecord<>(topicFor(record.topic()), null, rawKey, record.value(),
                    headers(record, cause))).get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            log.error("dead letter from {}-{}@{} not written: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return false;
        }
    }

    /** A record's key as it was on the wire, for a consumer that read it as a String. */
    public static byte[] keyBytes(Object key) {
        return key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** For followers: counted, not written. */
    public static void countSkipped(MeterRegistry registry, String topic) {
        Counter.builder("kafka.skipped.records").description("records a follower could not read and skipped")
                .tag("topic", topic).register(registry).increment();
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder("kafka.dead.letters")
                .description("records written to a dead-letter topic").tag("topic", t).register(registry));
    }

    private static Headers headers(ConsumerRecord<?, byte[]> record, Throwable cause) {
        var h = new RecordHeaders();
        h.add(ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        h.add(ORIGINAL_PARTITION, java.nio.ByteBuffer.allocate(4).putInt(record.partition()).array());
        h.add(ORIGINAL_OFFSET, java.nio.ByteBuffer.allocate(8).putLong(record.offset()).array());
        h.add(EXCEPTION_CLASS, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        String message = String.valueOf(cause.getMessage());
        h.add(EXCEPTION_MESSAGE, message.substring(0, Math.min(message.length(), 1000))
                .getBytes(StandardCharsets.UTF_8));
        return h;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
