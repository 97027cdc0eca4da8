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
import io.xsg.session.config.SessionProperties;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private long startedAtNanos;
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
        Map<String, Object> consumerProps = kafka.buildConsumerProperties();
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        var producer = KafkaClients.producer(kafka.buildProducerProperties(), java.time.Duration.ofSeconds(60), 0);
        running = true;
        startedAtNanos = System.nanoTime();
        thread = new Thread(() -> run(producer), "dead-edge-reaper");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(KafkaProducer<String, byte[]> producer) {
        var heartbeatSerde = EventSerdes.edgeHeartbeat();
        try (producer; var c = consumer) {
            List<TopicPartition> partitions = new ArrayList<>();
            String topic = topics.edgeHeartbeats();
            c.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long nextSweep = System.nanoTime() + deadAfterNanos / 3;
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    try {
                        EdgeHeartbeat hb = heartbeatSerde.deserialize(r.topic(), r.value());
                        if (hb != null) {
                            lastHeartbeatReadNanos = System.nanoTime();
                            edges.put(hb.edgeId(), new Liveness(hb.incarnation(), lastHeartbeatReadNanos));
                        }
                    } catch (RuntimeException bad) {
                        DeadLetters.countSkipped(registry, r.topic());
                        log.warn("skipping unreadable record {}-{}@{}", r.topic(), r.partition(), r.offset(), bad);
                    }
                }
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep(producer);
                    nextSweep = System.nanoTime() + Math.max(deadAfterNanos / 3, 100_000_000L);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("dead-edge reaper stopped", e);
        }
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
        running = false;
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
        var t = thread;
        if (t != null) {
            try {
                t.join(5000);
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
