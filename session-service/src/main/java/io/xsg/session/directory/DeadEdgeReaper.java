package io.xsg.session.directory;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.kafka.KafkaClients;
import io.xsg.kafka.TopicFollower;
import io.xsg.session.config.SessionProperties;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Removes the session directory entries of edges that died: an edge whose heartbeat stopped for
 * {@code gateway.session.dead-edge-after}, or that came back as another incarnation. A clean client logout
 * already removes its own entry; this covers a killed edge process, so nobody stays bound forever.
 *
 * <p>Heartbeat age is measured on this service's clock from when a heartbeat was read, so clock skew between
 * pods does not matter; an edge seen in the replay at start-up gets one full period to speak again. Nothing is
 * swept while no heartbeat at all arrives: that is a stalled broker or reader, not a mass death of edges.
 *
 * <p>A removed session that was available first gets an unavailable presence published on its behalf, as its edge
 * would have on a closed stream, so that its contacts do not see it online forever (RFC 6121 §4.5.3).
 */
@Component
@ConditionalOnProperty(name = "gateway.session.reaper.enabled", matchIfMissing = true)
public class DeadEdgeReaper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadEdgeReaper.class);

    private record Liveness(String incarnation, long readAtNanos) {
    }

    private final KafkaProperties kafka;
    private final Topics topics;
    private final long deadAfterNanos;
    private final SessionDirectory sessions;
    private final MeterRegistry registry;
    private final Map<String, Liveness> edges = new HashMap<>();
    private final AtomicLong reaped = new AtomicLong();
    private final JsonSerde<StanzaReceivedEvent> stanzaSerde = EventSerdes.stanzaReceived();
    private volatile TopicFollower follower;
    private KafkaProducer<String, byte[]> producer;
    private long startedAtNanos;
    private long nextSweep;
    private long lastHeartbeatReadNanos;

    public DeadEdgeReaper(KafkaProperties kafka, Topics topics, SessionProperties properties,
                          SessionDirectory sessions, MeterRegistry registry) {
        this.registry = registry;
        this.kafka = kafka;
        this.sessions = sessions;
        this.topics = topics;
        this.deadAfterNanos = properties.deadEdgeAfter().toNanos();
    }

    /** Entries removed since start, for metrics and tests. */
    public long reapedCount() {
        return reaped.get();
    }

    @Override
    public void start() {
        var heartbeatSerde = EventSerdes.edgeHeartbeat();
        producer = KafkaClients.producer(kafka.buildProducerProperties(), Duration.ofSeconds(60), 0);
        startedAtNanos = System.nanoTime();
        nextSweep = startedAtNanos + deadAfterNanos / 3;
        follower = TopicFollower.builder("dead-edge-reaper", kafka.buildConsumerProperties(), topics.edgeHeartbeats())
                .pollTimeout(Duration.ofMillis(500))
                .onRecord(r -> {
                    EdgeHeartbeat hb = heartbeatSerde.deserialize(r.topic(), r.value());
                    if (hb != null) {
                        lastHeartbeatReadNanos = System.nanoTime();
                        edges.put(hb.edgeId(), new Liveness(hb.incarnation(), lastHeartbeatReadNanos));
                    }
                })
                .onSkipped(topic -> DeadLetters.countSkipped(registry, topic))
                .afterPoll((c, partitions, records) -> {
                    if (System.nanoTime() - nextSweep >= 0) {
                        sweep(producer);
                        nextSweep = System.nanoTime() + Math.max(deadAfterNanos / 3, 100_000_000L);
                    }
                })
                .build()
                .start();
    }

    private void sweep(KafkaProducer<String, byte[]> producer) {
        long now = System.nanoTime();
        if (now - startedAtNanos < deadAfterNanos) {
            return; // give every edge seen in the replay one period to speak
        }
        if (now - lastHeartbeatReadNanos > deadAfterNanos / 2) {
            // not one edge heard from lately: Kafka or this reader is stalled, not every edge dead at once.
            // Sweeping now would cut off every live session; an edge that really died and restarted is caught by
            // its new incarnation as soon as heartbeats flow again.
            return;
        }
        for (SessionEntry e : sessions.all()) {
            Liveness live = edges.get(e.edgeId());
            boolean dead = live == null
                    || !live.incarnation().equals(e.edgeIncarnation())
                    || now - live.readAtNanos() > deadAfterNanos;
            if (dead) {
                log.info("removing session {} of {} on dead edge {}", e.sessionId(), e.fullJid(), e.edgeId());
                if (e.available()) {
                    StanzaReceivedEvent gone = unavailable(e);
                    producer.send(new ProducerRecord<>(topics.stanzas(), gone.routingKey(),
                            stanzaSerde.serialize(topics.stanzas(), gone)));
                }
                // the entry disappears from the directory when the tombstone is read back
                producer.send(new ProducerRecord<>(topics.sessionDirectory(), e.sessionId(), null));
                reaped.incrementAndGet();
            }
        }
        producer.flush();
    }

    /** The presence its edge would have published had the stream closed while the edge lived. */
    static StanzaReceivedEvent unavailable(SessionEntry e) {
        String xml = XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", e.fullJid())
                .attribute("type", "unavailable").build().toXml();
        return new StanzaReceivedEvent("reaped/" + e.sessionId(), "presence", "unavailable", e.fullJid(), null, xml,
                e.edgeId(), e.sessionId(), System.currentTimeMillis());
    }

    @Override
    public void stop() {
        var f = follower;
        follower = null;
        if (f != null) {
            f.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Started and not stopped (its follower may have stopped on its own; stop still cleans up). */
    @Override
    public boolean isRunning() {
        return follower != null;
    }
}
