package io.xsg.session.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsg.directory.SessionDirectory;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.AccountStanzaEvent.Purpose;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.TestSchema;
import io.xsg.session.account.AccountStore;
import io.xsg.session.inbound.OutboxStore;
import io.xsg.session.roster.RosterStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox against a real (embedded KRaft) Kafka and the real PostgreSQL: a stanza whose state is
 * committed while Kafka refuses its output keeps that output, and it reaches its topic once Kafka takes it. Kafka
 * refuses here because the target edge's delivery topic does not exist yet (the broker creates no topics by itself).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedKafka(partitions = 1, brokerProperties = "auto.create.topics.enable=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxRelayTest {

    private static final TestSchema SCHEMA = TestSchema.unique("outbox");
    private static final Topics TOPICS = Topics.defaults();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        registry.add("gateway.session.im.enabled", () -> "true");
        registry.add("spring.kafka.admin.auto-create", () -> "true");
        registry.add("spring.kafka.bootstrap-servers", () -> System.getProperty("spring.embedded.kafka.brokers"));
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "500");
        registry.add("gateway.session.outbox.retry-interval", () -> "200ms");
        registry.add("gateway.session.console.enabled", () -> "false");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    EmbeddedKafkaBroker kafka;
    @Autowired
    AccountStore accounts;
    @Autowired
    RosterStore rosters;
    @Autowired
    OutboxStore outbox;
    @Autowired
    SessionDirectory directory;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void outputKafkaRefusedAfterTheCommitIsRelayedOnceKafkaTakesIt() throws Exception {
        accounts.create("bob", "password-123");
        String edge = "edge-later";
        String topic = TOPICS.edgeDelivery(edge);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            var bob = new SessionEntry("bob-phone", "bob@a.test/phone", edge, "run-1", true, 0,
                    System.currentTimeMillis());
            producer.send(new ProducerRecord<>(TOPICS.sessionDirectory(), bob.sessionId(),
                    EventSerdes.sessionEntry().serialize(TOPICS.sessionDirectory(), bob))).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> directory.bySessionId("bob-phone") != null);

            String xml = "<presence xmlns='jabber:client' type='subscribe' from='carol@b.test' to='bob@a.test'/>";
            var stanza = new StanzaReceivedEvent("sub-1", "presence", "subscribe", "carol@b.test", "bob@a.test", xml,
                    null, null, System.currentTimeMillis(), null);
            var work = new AccountStanzaEvent("bob@a.test", Purpose.INBOUND_SUBSCRIPTION, stanza);
            producer.send(new ProducerRecord<>(TOPICS.accountStanzas(), work.account(),
                    EventSerdes.accountStanza().serialize(TOPICS.accountStanzas(), work))).get();
        }

        // the state is committed and the request to bob's phone is kept, though its edge's topic is not there
        await().atMost(Duration.ofSeconds(20)).until(() -> transactions.execute(status -> rosters.find("bob",
                "carol@b.test").map(item -> item.state().pendingIn()).orElse(false)));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.count() == 1);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<EdgeDeliveryEvent> delivered = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r ->
                        delivered.add(EventSerdes.edgeDelivery().deserialize(topic, r.value())));
                return !delivered.isEmpty();
            });
        }
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).sessionId()).isEqualTo("bob-phone");
        assertThat(delivered.get(0).payload()).contains("type='subscribe'").contains("carol@b.test");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.count() == 0);
    }
}
