package io.xsg.session.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmscLinkStatus;
import io.xsg.kafka.DeadLetters;
import io.xsg.session.config.SessionProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows what the console shows of the SMS side: every link's last status (the compacted status topic, from its
 * beginning) and the recent SMSC events (the last few per partition, then live). It reads without a consumer group:
 * each session-service instance keeps its own view, and nothing is committed.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.console.enabled", matchIfMissing = true)
public class ConsoleFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsoleFeed.class);

    private final Map<String, Object> consumerProperties;
    private final Topics topics;
    private final MeterRegistry registry;
    private final SmsActivity activity;
    private final int history;
    private final Map<String, SmscLinkStatus> links = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public ConsoleFeed(KafkaProperties kafka, Topics topics, SessionProperties properties, MeterRegistry registry) {
        this.registry = registry;
        this.consumerProperties = new HashMap<>(kafka.buildConsumerProperties());
        this.topics = topics;
        this.history = properties.console().recentSms();
        this.activity = new SmsActivity(history);
    }

    /** Links by id, as last reported. */
    public Map<String, SmscLinkStatus> links() {
        return new TreeMap<>(links);
    }

    public List<SmsActivity.Entry> recentSms() {
        return activity.recent();
    }

    @Override
    public void start() {
        var props = new HashMap<>(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // declared with their settings elsewhere
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "console-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        var statusSerde = EventSerdes.smscLinkStatus();
        var eventSerde = EventSerdes.smscEvent();
        try (var c = consumer) {
            List<TopicPartition> partitions = awaitPartitions(c);
            if (partitions == null) {
                return;
            }
            c.assign(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            Map<TopicPartition, Long> begins = c.beginningOffsets(partitions);
            for (TopicPartition p : partitions) {
                long start = p.topic().equals(topics.smscLinkStatus()) ? begins.get(p)
                        : Math.max(begins.get(p), ends.get(p) - history);
                c.seek(p, start);
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    try {
                        if (r.topic().equals(topics.smscLinkStatus())) {
                            SmscLinkStatus status = statusSerde.deserialize(r.topic(), r.value());
                            if (status != null) {
                                links.put(status.linkId(), status);
                            } else if (r.key() != null) {
                                links.remove(r.key()); // a tombstone: the link was retired
                            }
                        } else {
                            var event = eventSerde.deserialize(r.topic(), r.value());
                            if (event != null) {
                                activity.apply(event);
                            }
                        }
                    } catch (RuntimeException bad) {
                        DeadLetters.countSkipped(registry, r.topic());
                        log.debug("console skips an unreadable record at {}-{}@{}", r.topic(), r.partition(),
                                r.offset(), bad);
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.warn("the console's SMS view stopped following Kafka", e);
        }
    }

    /** Both topics exist once a connector or this service declared them; until then, keep asking. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            List<TopicPartition> out = new ArrayList<>();
            for (String topic : List.of(topics.smscLinkStatus(), topics.smscEvents())) {
                c.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            }
            if (out.stream().map(TopicPartition::topic).distinct().count() == 2) {
                return out;
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void stop() {
        running = false;
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
