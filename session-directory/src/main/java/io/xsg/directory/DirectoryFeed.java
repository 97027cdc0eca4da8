package io.xsg.directory;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.SessionEntry;
import io.xsg.kafka.TopicFollower;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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
    private final Consumer<SessionEntry> replaced;
    private final TopicFollower follower;
    private final Admin offsets;
    private final LongAdder skipped = new LongAdder();

    /**
     * @param consumerProperties the service's Kafka consumer settings (any group id is dropped)
     * @param replaced           told, once caught up, of a session that lost its full JID to a later binding
     */
    public DirectoryFeed(Map<String, Object> consumerProperties, Topics topics, SessionDirectory directory,
                         Consumer<SessionEntry> replaced) {
        this.directory = directory;
        this.replaced = replaced;
        var serde = EventSerdes.sessionEntry();
        String topic = topics.sessionDirectory();
        this.follower = TopicFollower.builder("session-directory", consumerProperties, topic)
                // every instance reads it: a record it cannot read is counted here, no dead letter
                .onRecord(r -> directory.apply(r.key(), serde.deserialize(topic, r.value()), this::onReplaced))
                .onSkipped(t -> skipped.increment())
                .build();
        // an admin client of its own for end offsets: the follower's consumer belongs to the follower's thread
        Map<String, Object> adminProps = new HashMap<>(consumerProperties);
        adminProps.keySet().retainAll(AdminClientConfig.configNames());
        this.offsets = Admin.create(adminProps);
    }

    /** Starts reading and waits until the directory is read to its end. */
    public void start(Duration catchUp) {
        follower.start();
        try {
            if (!follower.awaitCaughtUp(catchUp)) {
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
        return follower.isCaughtUp();
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
            follower.partitions().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            offsets.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        for (var end : ends.entrySet()) {
            while (follower.position(end.getKey()) < end.getValue()) {
                if (System.nanoTime() > deadline || !follower.isRunning()) {
                    return false;
                }
                LockSupport.parkNanos(200_000);
            }
        }
        return true;
    }

    private void onReplaced(SessionEntry loser) {
        if (follower.isCaughtUp()) {
            replaced.accept(loser); // before that it is history: those streams were settled long ago
        }
    }

    @Override
    public void close() {
        offsets.close(Duration.ofSeconds(1));
        follower.close();
    }
}
