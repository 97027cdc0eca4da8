package io.xsg.edge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xsg.edge.config.EdgeIdentity;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.metrics.EdgeMetrics;
import io.xsg.edge.session.LocalSession;
import io.xsg.edge.session.LocalSessions;
import io.xsg.edge.session.SessionTermination;
import io.xsg.edge.stream.ClientStream;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.kafka.DeadLetters;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The edge's delivery follower against a real KRaft broker and a session on a real loopback TCP connection: what
 * arrives for a session is written once on its stream, what arrives for a session that is gone goes round again on
 * the stanza topic, garbage goes to the dead-letter topic, and a restart resumes where the last run stopped.
 */
class DeliveryConsumerTest {

    private static final String EDGE = "edge-1";
    private final Topics topics = Topics.defaults();
    private EmbeddedKafkaKraftBroker broker;
    private EventLoopGroup loops;
    private final StringBuffer received = new StringBuffer();
    private Channel client;
    private KafkaProducer<String, byte[]> producer;
    private final List<DeliveryConsumer> consumers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1, topics.edgeDelivery(EDGE), topics.stanzas(),
                Topics.deadLetters(topics.edgeDelivery(EDGE)));
        broker.afterPropertiesSet();
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                received.append(msg.toString(StandardCharsets.UTF_8));
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        client = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                    }
                }).connect((InetSocketAddress) server.localAddress()).sync().channel();
        ClientStream.attach(client, "a.test");
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() throws Exception {
        consumers.forEach(DeliveryConsumer::stop);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        producer.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        broker.destroy();
    }

    private DeliveryConsumer consumer(LocalSessions sessions) throws Exception {
        var kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(broker.getBrokersAsString()));
        EdgeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "gateway.xmpp.domain", "a.test", "gateway.xmpp.edge-id", EDGE,
                "gateway.xmpp.data-dir", dir.toString()))).bindOrCreate("gateway.xmpp", EdgeProperties.class);
        var identity = new EdgeIdentity(properties);
        var publisher = new EdgePublisher(kafka, topics);
        closeables.add(publisher::destroy);
        var deadLetters = new DeadLetters(kafka.buildProducerProperties(), new SimpleMeterRegistry());
        closeables.add(deadLetters::close);
        var consumer = new DeliveryConsumer(kafka, topics, identity, sessions,
                new SessionTermination(sessions, publisher, identity),
                new EdgeMetrics(new SimpleMeterRegistry(), sessions), deadLetters);
        consumer.start(Duration.ofSeconds(30));
        consumers.add(consumer);
        return consumer;
    }

    private void send(EdgeDeliveryEvent event) throws Exception {
        String topic = topics.edgeDelivery(EDGE);
        producer.send(new ProducerRecord<>(topic, event.sessionId(), EventSerdes.edgeDelivery().serialize(topic,
                event))).get(10, TimeUnit.SECONDS);
    }

    private static String message(String id) {
        return "<message from='bob@a.test/pc' to='joe@a.test/phone' id='" + id + "'><body>hi</body></message>";
    }

    private List<String> resent() {
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topics.stanzas()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && out.isEmpty()) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    @Test
    void aDeliveryIsWrittenOnceAndOneForAGoneSessionGoesRoundAgain() throws Exception {
        var sessions = new LocalSessions();
        sessions.add(new LocalSession(client, new SessionEntry("s1", "joe@a.test/phone", EDGE, "i1", true, 0, 0)));
        consumer(sessions);

        send(EdgeDeliveryEvent.stanza("d1", "s1", message("m1")));
        send(EdgeDeliveryEvent.stanza("d1", "s1", message("m1"))); // routing retried its batch
        send(EdgeDeliveryEvent.stanza("d2", "s1", message("m2")));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.toString().contains("id='m2'"));
        assertThat(received.toString().split("id='m1'", -1)).as("written once").hasSize(2);

        send(EdgeDeliveryEvent.stanza("d3", "gone", message("m3")));
        assertThat(resent()).singleElement().asString().contains("id='m3'").contains("\"failedSession\":\"gone\"");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheFollowerGoesOn() throws Exception {
        var sessions = new LocalSessions();
        sessions.add(new LocalSession(client, new SessionEntry("s1", "joe@a.test/phone", EDGE, "i1", true, 0, 0)));
        consumer(sessions);
        producer.send(new ProducerRecord<>(topics.edgeDelivery(EDGE), "s1",
                "not json".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        send(EdgeDeliveryEvent.stanza("d4", "s1", message("m4")));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.toString().contains("id='m4'"));
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.deadLetters(topics.edgeDelivery(EDGE))));
            List<String> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> dead.add(new String(r.value(), StandardCharsets.UTF_8)));
                return !dead.isEmpty();
            });
            assertThat(dead).containsExactly("not json");
        }
    }

    @Test
    void aRestartedEdgeSendsOnWhatArrivedWhileItWasDown() throws Exception {
        consumer(new LocalSessions()).stop();
        send(EdgeDeliveryEvent.stanza("d5", "old-session", message("m5")));
        consumer(new LocalSessions()); // the earlier run's streams are gone: it goes round again
        assertThat(resent()).singleElement().asString().contains("id='m5'");
    }

    @Test
    void aRunningEdgeCommitsWhatItWroteWithoutWaitingForItsStop() throws Exception {
        var sessions = new LocalSessions();
        sessions.add(new LocalSession(client, new SessionEntry("s1", "joe@a.test/phone", EDGE, "i1", true, 0, 0)));
        consumer(sessions);
        for (int i = 1; i <= 3; i++) {
            send(EdgeDeliveryEvent.stanza("c" + i, "s1", message("c" + i)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.toString().contains("id='c3'"));
        // commits are spaced out (at most every 100 ms), not put off until a later delivery or the stop
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, DeliveryConsumer.groupId(EDGE));
        try (var c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = c.partitionsFor(topics.edgeDelivery(EDGE)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(c.committed(partitions).values()
                    .stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(3));
        }
    }
}
