package io.xsg.smpp.submit;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.events.v1.sms.SmscEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submit ids this link has already taken on, so that a request seen twice is submitted once: a producer that sends
 * one again (a transactional outbox relaying after a crash, a replay of an unacknowledged batch), or a record this
 * connector submitted but had not committed when it died. The second case is found by reading back, when a partition
 * is assigned, the submit results of the last {@code lookback} on the same partition of the events topic (both
 * topics are keyed by handset with the same partition count, so a handset's results sit on its submit partition's
 * number). The result of a finished one is kept, so that a copy is answered with it again: the producer that sent
 * the copy may have lost the first answer with a rolled-back transaction, and would otherwise wait for one forever.
 * Bounded (a result is a few hundred bytes); single-threaded, like the pipeline that owns it.
 */
final class SubmitIds {

    private static final Logger log = LoggerFactory.getLogger(SubmitIds.class);
    private static final int CAPACITY = 100_000;

    private final String linkId;
    private final Map<String, Object> consumerProperties;
    private final String eventsTopic;
    private final Duration lookback;
    /** Taken on, with the partition of the record that brought it (forgotten if that partition is revoked unfinished). */
    private final Map<String, TopicPartition> pending = new HashMap<>();
    private final LinkedHashMap<String, SmsSubmitResult> done = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SmsSubmitResult> eldest) {
            return size() > CAPACITY;
        }
    };

    SubmitIds(String linkId, Map<String, Object> consumerProperties, String eventsTopic, Duration lookback) {
        this.linkId = linkId;
        this.consumerProperties = consumerProperties;
        this.eventsTopic = eventsTopic;
        this.lookback = lookback;
    }

    /** False if the id was taken on before: the record is a duplicate. */
    boolean takeOn(String submitId, TopicPartition partition) {
        if (done.containsKey(submitId) || pending.containsKey(submitId)) {
            return false;
        }
        pending.put(submitId, partition);
        return true;
    }

    /** Its result is durable. */
    void finished(SmsSubmitResult result) {
        pending.remove(result.submitId());
        done.put(result.submitId(), result);
    }

    /** The result published for an id taken on before, or {@code null} while it is still being submitted. */
    SmsSubmitResult resultOf(String submitId) {
        return done.get(submitId);
    }

    /** Records of these partitions are redone by their next owner: what was unfinished is not a duplicate then. */
    void revoked(Collection<TopicPartition> partitions) {
        pending.values().removeIf(partitions::contains);
    }

    /** Learns the results this link published lately for the handsets of these submit partitions. */
    void recall(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty() || lookback.isZero()) {
            return;
        }
        var props = new HashMap<>(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var serde = EventSerdes.smscEvent();
        int found = 0;
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> events = assigned.stream()
                    .map(tp -> new TopicPartition(eventsTopic, tp.partition())).distinct().toList();
            consumer.assign(events);
            long since = Instant.now().minus(lookback).toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            events.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
            Map<TopicPartition, Long> ends = consumer.endOffsets(events, Duration.ofSeconds(10));
            for (TopicPartition tp : events) {
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!caughtUp(consumer, events, ends) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    SmscEvent event;
                    try {
                        event = serde.deserialize(record.topic(), record.value());
                    } catch (RuntimeException unreadable) {
                        continue;
                    }
                    if (event instanceof SmsSubmitResult r && linkId.equals(r.linkId())) {
                        done.put(r.submitId(), r);
                        found++;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("link {}: could not read back recent submit results ({}); a record redone after a crash may be"
                    + " submitted twice", linkId, e.toString());
            return;
        }
        log.info("link {}: {} recent submit results read back for {} partitions", linkId, found, assigned.size());
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                    Map<TopicPartition, Long> ends) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < ends.get(tp)) {
                return false;
            }
        }
        return true;
    }
}
