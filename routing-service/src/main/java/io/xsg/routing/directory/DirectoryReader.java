package io.xsg.routing.directory;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.routing.config.RoutingProperties;
import io.xsg.routing.outbound.DeliveryPublisher;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the whole directory topic into {@link SessionDirectory} and keeps following it. Starts before the stanza
 * listener (a lower lifecycle phase) and returns only once it has caught up with the end offsets seen at start,
 * so that routing never answers {@code service-unavailable} for a session it simply has not read yet.
 */
@Component
public class DirectoryReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectoryReader.class);

    private final SessionDirectory directory;
    private final KafkaProperties kafka;
    private final Topics topics;
    private final DeliveryPublisher deliveries;
    private final Duration catchUp;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public DirectoryReader(SessionDirectory directory, KafkaProperties kafka, Topics topics,
                           DeliveryPublisher deliveries, RoutingProperties properties) {
        this.directory = directory;
        this.kafka = kafka;
        this.topics = topics;
        this.deliveries = deliveries;
        this.catchUp = properties.directoryCatchUp();
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "session-directory-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!caughtUp.await(catchUp.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("session directory not read within " + catchUp);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the session directory", e);
        }
        log.info("session directory read: {} sessions", directory.size());
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0 && running;
    }

    private void run() {
        var serde = EventSerdes.sessionEntry();
        String topic = topics.sessionDirectory();
        try (var c = consumer) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                // assigning nothing would look ready while reading nothing
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = new HashMap<>(c.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    SessionEntry entry;
                    try {
                        entry = serde.deserialize(topic, r.value());
                    } catch (RuntimeException bad) {
                        log.warn("skipping unreadable directory record {}-{}@{}", topic, r.partition(), r.offset());
                        continue;
                    }
                    directory.apply(r.key(), entry, this::replace);
                }
                if (caughtUp.getCount() > 0) {
                    target.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                    if (target.isEmpty()) {
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("session directory reader stopped", e);
            running = false;
        }
    }

    /** RFC 6120 §7.7.2.2: the older session with a full JID is closed with {@code <conflict/>}. */
    private void replace(SessionEntry loser) {
        if (caughtUp.getCount() > 0) {
            return; // history: those streams were settled long ago, and their edges may be gone
        }
        deliveries.publish(loser.edgeId(), EdgeDeliveryEvent.closeStream("conflict/" + loser.sessionId(),
                loser.sessionId(), StreamErrorCondition.CONFLICT.elementName()));
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
                thread.join(5000);
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
