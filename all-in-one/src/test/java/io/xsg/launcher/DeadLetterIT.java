package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.edge.config.EdgeIdentity;
import io.xsg.events.topic.Topics;
import io.xsg.kafka.DeadLetters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A record no consumer can read is not logged and lost: it lands unchanged on its topic's dead-letter topic with
 * where it came from and why, is counted, and the consumer goes on with what follows. One garbage record to each
 * consumer that owns its records: routing, the session service, an edge, a connector.
 */
class DeadLetterIT {

    private static final Topics TOPICS = Topics.defaults();

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"routing", "session", "edge", "connector"})
    void anUnreadableRecordGoesToItsDeadLetterTopicAndTheConsumerGoesOn(String consumer) throws Exception {
        Gateway gateway = TestGateway.get();
        ConfigurableApplicationContext service = switch (consumer) {
            case "routing" -> gateway.routing();
            case "session" -> gateway.session();
            case "edge" -> gateway.edge();
            default -> gateway.connector();
        };
        String topic = switch (consumer) {
            case "routing" -> TOPICS.stanzas();
            case "session" -> TOPICS.accountStanzas();
            case "edge" -> TOPICS.edgeDelivery(gateway.edge().getBean(EdgeIdentity.class).edgeId());
            default -> TOPICS.smsSubmit("smsc-1");
        };
        byte[] key = ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "{\"this is\": not an event".getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                gateway.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, garbage)).get();
        }

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(gateway, DeadLetters.topicFor(topic), key);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(new String(dead.headers().lastHeader(DeadLetters.ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(topic);
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(DeadLetters.ORIGINAL_OFFSET).value()).getLong())
                .isNotNegative();
        assertThat(dead.headers().lastHeader(DeadLetters.EXCEPTION_CLASS)).isNotNull();
        assertThat(service.getBean(MeterRegistry.class).get("kafka.dead.letters").tag("topic", topic).counter()
                .count()).isPositive();

        if (!consumer.equals("connector")) { // and the XMPP path goes on past it
            String user = TestGateway.createAccount("afterpoison");
            XMPPTCPConnection c = Clients.login(user, "desk");
            try {
                var inbox = Clients.messages(c);
                c.sendStanza(ClientEndpointIT.chat(user + "@a.test/desk", "still flowing"));
                Message got = Clients.next(inbox);
                assertThat(got).isNotNull();
                assertThat(got.getBody()).isEqualTo("still flowing");
            } finally {
                c.disconnect();
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(Gateway gateway, String topic, byte[] key)
            throws InterruptedException {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, gateway.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (java.util.Arrays.equals(r.key(), key)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter on " + topic);
    }
}
