package io.xsg.launcher;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
import io.xsg.directory.SessionDirectory;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An edge that dies without saying goodbye (its process killed) leaves directory entries that only the session
 * service's reaper can remove. The edge is played here by a bare Kafka producer that stops heartbeating, or that
 * comes back as a new incarnation.
 */
class DeadEdgeIT {

    private static final Topics TOPICS = Topics.defaults();

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    @Test
    void sessionsOfAnEdgeThatStoppedHeartbeatingAreRemoved() throws Exception {
        try (var producer = producer()) {
            String user = "ghost" + System.nanoTime() + "@a.test";
            heartbeat(producer, "ghost-edge", "run-1");
            entry(producer, new SessionEntry("ghost-session", user + "/x", "ghost-edge", "run-1", true, 0,
                    System.currentTimeMillis()));
            var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
            Clients.await(() -> !directory.byBareJid(user).isEmpty(), "the ghost session to be routed to");
            // no more heartbeats: after gateway.session.dead-edge-after (3 s in tests) the reaper removes it
            Clients.await(() -> directory.byBareJid(user).isEmpty(), "the ghost session to be reaped");
        }
    }

    @Test
    void sessionsOfAnEarlierIncarnationAreRemovedWhileTheNewOneLives() throws Exception {
        try (var producer = producer()) {
            String old = "phoenix-old" + System.nanoTime() + "@a.test";
            String fresh = "phoenix-new" + System.nanoTime() + "@a.test";
            heartbeat(producer, "phoenix-edge", "run-1");
            entry(producer, new SessionEntry("phoenix-1", old + "/x", "phoenix-edge", "run-1", true, 0, 1));
            var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
            Clients.await(() -> !directory.byBareJid(old).isEmpty(), "the old session to be routed to");
            // the edge restarts: same id, new run, heartbeating steadily
            entry(producer, new SessionEntry("phoenix-2", fresh + "/x", "phoenix-edge", "run-2", true, 0, 2));
            long until = System.nanoTime() + Clients.TIMEOUT.toNanos();
            while (!directory.byBareJid(old).isEmpty() && System.nanoTime() < until) {
                heartbeat(producer, "phoenix-edge", "run-2");
                Thread.sleep(300);
            }
            org.assertj.core.api.Assertions.assertThat(directory.byBareJid(old)).as("old run's session").isEmpty();
            org.assertj.core.api.Assertions.assertThat(directory.byBareJid(fresh)).as("new run's session").hasSize(1);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestGateway.get().bootstrapServers()), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static void heartbeat(KafkaProducer<String, byte[]> producer, String edge, String run) throws Exception {
        var hb = new EdgeHeartbeat(edge, run, System.currentTimeMillis(), 500);
        producer.send(new ProducerRecord<>(TOPICS.edgeHeartbeats(), edge,
                EventSerdes.edgeHeartbeat().serialize(TOPICS.edgeHeartbeats(), hb))).get();
    }

    private static void entry(KafkaProducer<String, byte[]> producer, SessionEntry e) throws Exception {
        producer.send(new ProducerRecord<>(TOPICS.sessionDirectory(), e.sessionId(),
                EventSerdes.sessionEntry().serialize(TOPICS.sessionDirectory(), e))).get();
    }
}
