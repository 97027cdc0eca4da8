package io.xsg.edge.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xsg.edge.config.EdgeIdentity;
import io.xsg.edge.metrics.EdgeMetrics;
import io.xsg.edge.session.LocalSession;
import io.xsg.edge.session.LocalSessions;
import io.xsg.edge.session.SessionTermination;
import io.xsg.edge.stream.ClientStream;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent.Action;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.kafka.TopicFollower;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Reads this edge's own delivery topic and writes each delivery to its client stream. The partitions are assigned,
 * not subscribed: no other consumer shares them, so there is no rebalance. Positions are committed under a group of
 * this edge's own ({@code xmpp-edge.<edge-id>}), and a restart resumes from them: what routing sent while the edge
 * was down is for streams of the earlier run, which are gone, so it goes round again through the redirect for
 * unknown sessions (another resource, offline storage, or an error to its sender). An edge id never seen before
 * starts at the end. A delivery id already written is skipped, so a routing retry never shows a client the same
 * stanza twice.
 */
public final class DeliveryConsumer {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConsumer.class);
    // positions are committed at most this often, as routing's are: a commit per poll put a group-coordinator write
    // on every delivery; a crash sends the uncommitted ones round again, as it did those of an unfinished commit
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final KafkaProperties kafka;
    private final Topics topics;
    private final EdgeIdentity identity;
    private final LocalSessions sessions;
    private final SessionTermination termination;
    private final EdgeMetrics metrics;
    private final DeadLetters deadLetters;
    private final Cache<String, Boolean> delivered = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    private volatile TopicFollower follower;
    private boolean uncommitted; // the follower's thread only, with lastCommit
    private long lastCommit = System.nanoTime();

    public DeliveryConsumer(KafkaProperties kafka, Topics topics, EdgeIdentity identity, LocalSessions sessions,
                            SessionTermination termination, EdgeMetrics metrics, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.termination = termination;
        this.metrics = metrics;
        this.kafka = kafka;
        this.topics = topics;
        this.identity = identity;
        this.sessions = sessions;
    }

    /** Starts reading and waits until the partitions are assigned and positioned. */
    public void start(Duration timeout) throws InterruptedException {
        var serde = EventSerdes.edgeDelivery();
        String topic = topics.edgeDelivery(identity.edgeId());
        follower = TopicFollower.builder("edge-delivery-" + identity.edgeId(), kafka.buildConsumerProperties(), topic)
                // a group only to keep positions in: partitions are assigned, never subscribed, so no rebalance
                .group(groupId(identity.edgeId()))
                .set(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .startAt(this::position)
                .onRecord(r -> {
                    EdgeDeliveryEvent event;
                    try {
                        event = serde.deserialize(topic, r.value());
                    } catch (RuntimeException bad) {
                        deadLetters.send(r, DeadLetters.keyBytes(r.key()), bad);
                        return;
                    }
                    if (event != null) {
                        deliver(event);
                    }
                })
                .afterPoll((c, partitions, records) -> {
                    uncommitted |= !records.isEmpty();
                    long now = System.nanoTime();
                    if (uncommitted && now - lastCommit >= COMMIT_INTERVAL_NANOS) {
                        // handed to the streams' event loops: a crash now loses those streams anyway
                        c.commitAsync(TopicFollower.positions(c, partitions), null);
                        uncommitted = false;
                        lastCommit = now;
                    }
                })
                .onStop(this::commitOnStop)
                .build()
                .start();
        if (!follower.awaitStarted(timeout)) {
            throw new IllegalStateException("delivery topic " + topic + " not assigned within " + timeout);
        }
    }

    public boolean isAssigned() {
        var f = follower;
        return f != null && f.isStarted();
    }

    static String groupId(String edgeId) {
        return "xmpp-edge." + edgeId;
    }

    /** From the committed positions of an earlier run; from the end for an edge id never seen before. */
    private void position(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        TopicFollower.Start.committedOr((consumer, fresh) -> consumer.seekToEnd(fresh)).position(c, partitions);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
        long behind = 0;
        for (TopicPartition tp : partitions) {
            behind += ends.get(tp) - c.position(tp); // also resolves the lazy seeks before anyone hears we are ready
        }
        if (behind > 0) {
            log.info("edge {}: {} deliveries arrived while it was down; sending them on", identity.edgeId(), behind);
        }
        c.commitSync(TopicFollower.positions(c, partitions)); // so that the next start finds a position
    }

    private void commitOnStop(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions,
                              ConsumerRecords<String, byte[]> none) {
        try {
            c.commitSync(TopicFollower.positions(c, partitions), Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("edge {}: delivery positions not committed at stop ({}); a restart sends some again",
                    identity.edgeId(), e.toString());
        }
    }

    private void deliver(EdgeDeliveryEvent event) {
        if (delivered.asMap().putIfAbsent(event.deliveryId(), Boolean.TRUE) != null) {
            return;
        }
        LocalSession session = sessions.bySessionId(event.sessionId());
        if (session == null) {
            // the stream ended before this arrived: what it carried goes elsewhere, unless others have it
            if (event.action() == Action.STANZA && !event.shared()) {
                termination.redirect(event.sessionId(), null, event.payload());
            }
            return;
        }
        try {
            session.onEventLoop(() -> deliverOnLoop(session, event));
        } catch (RejectedExecutionException stopping) {
            // the event loops are gone (shutdown): the session is ending with them
            if (event.action() == Action.STANZA && !event.shared()) {
                termination.redirect(session.sessionId(), session.fullJid(), event.payload());
            }
        }
    }

    private void deliverOnLoop(LocalSession session, EdgeDeliveryEvent event) {
        switch (event.action()) {
            case STANZA -> {
                switch (session.deliver(event.payload(), !event.shared())) {
                    case WRITTEN, KEPT -> metrics.sent(event.payload());
                    case WITHHELD -> {
                        // a roster push before the client asked for its roster: its first get will have the change
                    }
                    case ENDED -> {
                        if (!event.shared()) {
                            termination.redirect(session.sessionId(), session.fullJid(), event.payload());
                        }
                    }
                    case OVERFLOW -> {
                        session.endResumption();
                        if (session.detached()) {
                            termination.end(session, true);
                        } else {
                            ClientStream.of(session.channel()).fail(StreamErrorCondition.POLICY_VIOLATION,
                                    "too many unacknowledged stanzas");
                        }
                    }
                }
            }
            case CLOSE_STREAM -> {
                StreamErrorCondition closing = StreamErrorCondition.fromElementName(event.payload());
                if (closing == StreamErrorCondition.CONFLICT) {
                    session.markReplaced(); // a newer binding of this full JID lives on another edge
                }
                if (session.detached()) {
                    session.endResumption();
                    termination.end(session, closing != StreamErrorCondition.CONFLICT);
                    return;
                }
                StreamErrorCondition condition = closing != null ? closing : StreamErrorCondition.UNDEFINED_CONDITION;
                ClientStream.of(session.channel()).fail(condition,
                        condition == StreamErrorCondition.CONFLICT ? "replaced by a new session" : null);
            }
        }
    }

    public void stop() {
        var f = follower;
        if (f != null) {
            f.close();
        }
    }
}
