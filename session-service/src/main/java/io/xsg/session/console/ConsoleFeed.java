package io.xsg.session.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmscLinkStatus;
import io.xsg.kafka.DeadLetters;
import io.xsg.kafka.TopicFollower;
import io.xsg.session.config.SessionProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
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

    private final Map<String, Object> consumerProperties;
    private final Topics topics;
    private final MeterRegistry registry;
    private final SmsActivity activity;
    private final int history;
    private final Map<String, SmscLinkStatus> links = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile TopicFollower follower;

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
        var statusSerde = EventSerdes.smscLinkStatus();
        var eventSerde = EventSerdes.smscEvent();
        String statusTopic = topics.smscLinkStatus();
        follower = TopicFollower.builder("console-feed", consumerProperties, statusTopic, topics.smscEvents())
                .set(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false) // declared with their settings elsewhere
                .waitForTopics() // both exist once a connector or this service declared them
                .pollTimeout(Duration.ofMillis(500))
                // every link's status from the beginning, only the recent events
                .startAt((c, partitions) -> {
                    Map<TopicPartition, Long> ends = c.endOffsets(partitions);
                    Map<TopicPartition, Long> begins = c.beginningOffsets(partitions);
                    for (TopicPartition p : partitions) {
                        c.seek(p, p.topic().equals(statusTopic) ? begins.get(p)
                                : Math.max(begins.get(p), ends.get(p) - history));
                    }
                })
                .onRecord(r -> {
                    if (r.topic().equals(statusTopic)) {
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
                })
                .onSkipped(topic -> DeadLetters.countSkipped(registry, topic))
                .build()
                .start();
    }

    @Override
    public void stop() {
        var f = follower;
        follower = null;
        if (f != null) {
            f.close();
        }
    }

    /** Started and not stopped (its follower may have stopped on its own; stop still cleans up). */
    @Override
    public boolean isRunning() {
        return follower != null;
    }
}
