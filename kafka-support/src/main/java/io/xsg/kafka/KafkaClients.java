package io.xsg.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's Kafka clients, made in one place: every writer is idempotent with {@code acks=all} (a retried send
 * never duplicates or reorders within a partition), keys are strings and values the events' bytes.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * The settings of an idempotent producer over {@code base} (Spring Boot's {@code spring.kafka.producer.*}).
     *
     * @param maxBlock how long a send may wait for metadata or buffer space: short where an event loop sends
     * @param lingerMs the default batching delay, unless {@code base} sets one
     */
    public static Map<String, Object> producerSettings(Map<String, Object> base, Duration maxBlock, int lingerMs) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        return props;
    }

    /** An idempotent producer of string keys and byte values; see {@link #producerSettings}. */
    public static KafkaProducer<String, byte[]> producer(Map<String, Object> base, Duration maxBlock, int lingerMs) {
        return new KafkaProducer<>(producerSettings(base, maxBlock, lingerMs), new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * A consumer of string keys and byte values. Without a {@code groupId} it belongs to no group and commits
     * nothing: a follower that assigns itself partitions and keeps its own positions.
     */
    public static KafkaConsumer<String, byte[]> consumer(Map<String, Object> base, String groupIdOrNull) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupIdOrNull == null) {
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        } else {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupIdOrNull);
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
