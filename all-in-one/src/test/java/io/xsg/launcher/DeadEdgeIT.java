package io.xsg.launcher;

import io.xsg.directory.SessionDirectory;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
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

    /**
     * Routing sent a message to an edge in the moment it went down (its session was still in the directory): the
     * edge, started again with the same id, finds it in its delivery topic and sends it on, here to offline storage.
     */
    @Test
    void deliveriesQueuedWhileAnEdgeIsDownGoOnWhenItRestarts() throws Exception {
        String user = TestGateway.createAccount("lazarus");
        String sender = TestGateway.createAccount("martha");
        var gateway = TestGateway.get();
        java.util.List<String> args = java.util.List.of("--gateway.xmpp.edge-id=edge-lazarus",
                "--gateway.xmpp.c2s.direct-tls-port=-1");
        gateway.startEdge(args).close(); // the first run leaves its positions behind
        try (var producer = producer()) {
            String topic = TOPICS.edgeDelivery("edge-lazarus");
            String xml = "<message xmlns='jabber:client' type='chat' from='" + sender + "@a.test/desk' to='" + user
                    + "@a.test/gone' id='queued-1'><body>while the edge was down</body></message>";
            producer.send(new ProducerRecord<>(topic, "gone-session", EventSerdes.edgeDelivery().serialize(topic,
                    io.xsg.events.v1.EdgeDeliveryEvent.stanza("queued-1/gone", "gone-session", xml)))).get();
        }
        var store = gateway.session().getBean(io.xsg.session.offline.OfflineStore.class);
        var edge = gateway.startEdge(args);
        try {
            Clients.await(() -> store.count(user) == 1, "the queued message stored for " + user);
        } finally {
            edge.close();
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
