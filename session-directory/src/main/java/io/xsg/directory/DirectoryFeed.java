package io.xsg.directory;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.SessionEntry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole directory topic into a {@link SessionDirectory} and keeps following it, on a thread of its own.
 * Every partition is assigned (never subscribed): each reader sees every session. {@link #start} returns only once
 * it has caught up with the end offsets seen at start, so that its service never acts on a directory it simply has
 * not read yet.
 */
public final class DirectoryFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryFeed.class);

    private final SessionDirectory directory;
    private final Topics topics;
    private final Consumer<SessionEntry> replaced;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Admin offsets;
    /** The feed's position per partition after its last poll. */
    private final Map<TopicPartition, Long> read = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile List<TopicPartition> partitions = List.of();
    private final java.util.concurrent.atomic.LongAdder skipped = new java.util.concurrent.atomic.LongAdder();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    /**
     * @param consumerProperties the service's Kafka consumer settings (any group id is dropped)
     * @param replaced           told, once caught up, of a session that lost its full JID to a later binding
     */
    public DirectoryFeed(Map<String, Object> consumerProperties, Topics topics, SessionDirectory directory,
                         Consumer<SessionEntry> replaced) {
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        // an admin client of its own for end offsets: the feed's consumer belongs to the feed's thread
        Map<String, Object> adminProps = new HashMap<>(props);
        adminProps.keySet().retainAll(AdminClientConfig.configNames());
        this.offsets = Admin.create(adminProps);
        this.topics = topics;
        this.directory = directory;
        this.replaced = replaced;
    }

    /** Starts reading and waits until the directory is read to its end. */
    public void start(String threadName, Duration catchUp) {
        running = true;
        thread = new Thread(this::run, threadName);
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

    /** Records this feed could not read and skipped, for a metric. */
    public long skippedRecords() {
        return skipped.sum();
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0 && running;
    }

    /**
     * Waits until this copy holds everything written to the directory before the call: read-your-writes for a
     * reader that acts on an event its writer published only after the directory write was acknowledged (an edge
     * writes a session's presence to the directory before it publishes the presence stanza). One end-offset request
     * to the broker, then a wait on this feed's own reading, which is usually already there.
     *
     * @return false if the copy did not get there within {@code timeout} (the caller goes on with what it has)
     */
    public boolean awaitCurrent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = new HashMap<>();
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            offsets.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
        for (var end : ends.entrySet()) {
            while (read.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                if (System.nanoTime() > deadline || !running) {
                    return false;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
        return true;
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
            this.partitions = partitions;
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = new HashMap<>(c.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    SessionEntry entry;
                    try {
                        entry = serde.deserialize(topic, r.value());
                    } catch (RuntimeException bad) {
                        skipped.increment(); // every instance reads it: counted here, no dead letter
                        log.warn("skipping unreadable directory record {}-{}@{}", topic, r.partition(), r.offset());
                        continue;
                    }
                    directory.apply(r.key(), entry, this::onReplaced);
                }
                for (TopicPartition tp : partitions) {
                    read.put(tp, c.position(tp)); // what awaitCurrent compares with
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

    private void onReplaced(SessionEntry loser) {
        if (caughtUp.getCount() == 0) {
            replaced.accept(loser); // before that it is history: those streams were settled long ago
        }
    }

    @Override
    public void close() {
        running = false;
        offsets.close(Duration.ofSeconds(1));
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
