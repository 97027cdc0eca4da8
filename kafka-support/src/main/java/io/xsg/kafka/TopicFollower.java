package io.xsg.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of some topics on a thread of its own: assigned, never subscribed, so there is no rebalance
 * and every follower sees every record (a service's in-memory copy of a topic, an edge reading its own delivery
 * topic). Where it starts is the caller's ({@link Start}); what a record means is the caller's ({@link RecordHandler});
 * a record the handler throws on is counted, logged and skipped, never a reason to stop. Knows when it has read up to
 * the end offsets it found at start ({@link #awaitCaughtUp}) and where it is ({@link #position}).
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    /** Positions the assigned partitions before the first poll. */
    @FunctionalInterface
    public interface Start {
        void position(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions);

        Start BEGINNING = (c, partitions) -> c.seekToBeginning(partitions);

        /**
         * Where this follower's group left off (see {@link Builder#group}); partitions it never committed start where
         * {@code fresh} puts them.
         */
        static Start committedOr(Start fresh) {
            return (c, partitions) -> {
                Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(partitions),
                        Duration.ofSeconds(30));
                List<TopicPartition> none = new ArrayList<>();
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata at = committed.get(tp);
                    if (at == null) {
                        none.add(tp);
                    } else {
                        c.seek(tp, at.offset());
                    }
                }
                if (!none.isEmpty()) { // given no partitions, Kafka's seeks act on every assigned one
                    fresh.position(c, none);
                }
            };
        }
    }

    /** The consumer's current positions, as a group commits them. */
    public static Map<TopicPartition, OffsetAndMetadata> positions(KafkaConsumer<String, byte[]> consumer,
                                                                   List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
        return out;
    }

    @FunctionalInterface
    public interface RecordHandler {
        void handle(ConsumerRecord<String, byte[]> record);
    }

    /** Runs on the follower's thread after every poll (timers, commits); {@code records} may be empty. */
    @FunctionalInterface
    public interface AfterPoll {
        void run(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                 ConsumerRecords<String, byte[]> records);
    }

    private final String name;
    private final List<String> topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Start start;
    private final RecordHandler handler;
    private final AfterPoll afterPoll;
    private final AfterPoll onStop;
    private final Consumer<String> onSkipped;
    private final Duration pollTimeout;
    private final boolean waitForTopics;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    private TopicFollower(Builder b) {
        this.name = b.name;
        this.topics = List.copyOf(b.topics);
        this.consumer = KafkaClients.consumer(b.consumerProperties, b.groupId);
        this.start = b.start;
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.afterPoll = b.afterPoll;
        this.onStop = b.onStop;
        this.onSkipped = b.onSkipped;
        this.pollTimeout = b.pollTimeout;
        this.waitForTopics = b.waitForTopics;
    }

    /**
     * @param name               the thread's name, and the follower's in logs
     * @param consumerProperties the service's consumer settings (its group id is dropped unless {@link Builder#group})
     */
    public static Builder builder(String name, Map<String, Object> consumerProperties, String... topics) {
        return new Builder(name, consumerProperties, List.of(topics));
    }

    public static final class Builder {
        private final String name;
        private final Map<String, Object> consumerProperties;
        private final List<String> topics;
        private String groupId;
        private Start start = Start.BEGINNING;
        private RecordHandler handler;
        private AfterPoll afterPoll;
        private AfterPoll onStop;
        private Consumer<String> onSkipped = topic -> { };
        private Duration pollTimeout = Duration.ofMillis(200);
        private boolean waitForTopics;

        private Builder(String name, Map<String, Object> consumerProperties, List<String> topics) {
            this.name = name;
            this.consumerProperties = new HashMap<>(consumerProperties);
            this.topics = topics;
        }

        /** A group only to keep committed positions in (assigned partitions never rebalance). */
        public Builder group(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** A setting of this follower's own, over the service's. */
        public Builder set(String key, Object value) {
            consumerProperties.put(key, value);
            return this;
        }

        public Builder startAt(Start start) {
            this.start = start;
            return this;
        }

        public Builder onRecord(RecordHandler handler) {
            this.handler = handler;
            return this;
        }

        public Builder afterPoll(AfterPoll afterPoll) {
            this.afterPoll = afterPoll;
            return this;
        }

        /** Runs on the follower's thread when it stops cleanly (a last commit). */
        public Builder onStop(AfterPoll onStop) {
            this.onStop = onStop;
            return this;
        }

        /** Told the topic of every record skipped because the handler threw on it (for a metric). */
        public Builder onSkipped(Consumer<String> onSkipped) {
            this.onSkipped = onSkipped;
            return this;
        }

        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        /**
         * Waits for topics that do not exist yet (declared by another service), asking again every two seconds,
         * instead of failing at start.
         */
        public Builder waitForTopics() {
            this.waitForTopics = true;
            return this;
        }

        public TopicFollower build() {
            return new TopicFollower(this);
        }
    }

    /** Starts following on a daemon thread of its own. */
    public TopicFollower start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Whether the partitions are assigned and positioned within {@code timeout}. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether everything written before {@link #start} is read within {@code timeout}. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isStarted() {
        return started.getCount() == 0 && running;
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0 && running;
    }

    public boolean isRunning() {
        return running;
    }

    /** The partitions followed, once started. */
    public List<TopicPartition> partitions() {
        return List.copyOf(positions.keySet());
    }

    /** The next offset this follower will read in {@code partition} (0 before it started). */
    public long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    private void run() {
        boolean clean = false;
        List<TopicPartition> partitions = List.of();
        try (var c = consumer) {
            partitions = partitions(c);
            if (partitions == null) {
                return; // stopped while waiting for the topics
            }
            c.assign(partitions);
            start.position(c, partitions);
            Map<TopicPartition, Long> target = new HashMap<>(c.endOffsets(partitions));
            recordPositions(c, partitions); // also resolves lazy seeks before anyone hears it started
            started.countDown();
            try {
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(pollTimeout);
                    for (ConsumerRecord<String, byte[]> r : records) {
                        try {
                            handler.handle(r);
                        } catch (RuntimeException bad) {
                            onSkipped.accept(r.topic());
                            log.warn("{} skips the record at {}-{}@{}: {}", name, r.topic(), r.partition(),
                                    r.offset(), bad.toString());
                        }
                    }
                    recordPositions(c, partitions);
                    if (caughtUp.getCount() > 0) {
                        target.entrySet().removeIf(e -> positions.get(e.getKey()) >= e.getValue());
                        if (target.isEmpty()) {
                            caughtUp.countDown();
                        }
                    }
                    if (afterPoll != null) {
                        afterPoll.run(c, partitions, records);
                    }
                }
                clean = true;
            } catch (WakeupException stopping) {
                clean = true; // close() woke the poll
            }
            if (clean && onStop != null) {
                onStop.run(c, partitions, ConsumerRecords.empty());
            }
        } catch (WakeupException e) {
            // stopped while positioning
        } catch (RuntimeException e) {
            log.error("{} stopped following {}", name, topics, e);
        } finally {
            running = false;
        }
    }

    /** Every partition of the topics; null if stopped while waiting for them. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            List<TopicPartition> out = new ArrayList<>();
            int present = 0;
            for (String topic : topics) {
                var infos = c.partitionsFor(topic, Duration.ofSeconds(30));
                if (!infos.isEmpty()) {
                    present++;
                }
                infos.forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            }
            if (present == topics.size()) {
                return out;
            }
            if (!waitForTopics) {
                // assigning nothing would look ready while reading nothing
                throw new IllegalStateException("topics " + topics + " do not all exist");
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void recordPositions(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            positions.put(tp, c.position(tp));
        }
    }

    /** Stops following and waits (up to five seconds) for the thread to finish its last work. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
