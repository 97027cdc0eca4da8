package io.xsg.edge;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.edge.config.EdgeIdentity;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.delivery.EdgePublisher;
import io.xsg.edge.metrics.EdgeMetrics;
import io.xsg.edge.sasl.AuthFailureLimiter;
import io.xsg.edge.sasl.PasswordHashing;
import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.edge.session.LocalSessions;
import io.xsg.edge.session.SessionEntries;
import io.xsg.edge.session.SessionTermination;
import io.xsg.edge.stream.StreamContext;
import io.xsg.edge.tls.ServerTls;
import io.xsg.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * An edge's shared parts for unit tests on Netty's {@code EmbeddedChannel}: real classes throughout, bound from
 * {@code gateway.xmpp.*} the way Spring binds them, over Kafka's own {@link MockProducer}. The session service is
 * pointed at a port nothing listens on, so an exchange that needs it meets its failure path.
 */
public final class EdgeTestContext {

    public static final String DOMAIN = "a.test";

    public final MockProducer<String, byte[]> producer;
    public final Topics topics = Topics.defaults();
    public final EdgeProperties properties;
    public final LocalSessions sessions = new LocalSessions();
    public final StreamContext context;
    private final PasswordHashing hashing = new PasswordHashing();

    /** @param autoComplete whether Kafka acknowledges every send at once */
    public EdgeTestContext(Path dataDir, boolean autoComplete, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "gateway.xmpp.domain", DOMAIN,
                "gateway.xmpp.edge-id", "edge-1",
                "gateway.xmpp.data-dir", dataDir.toString(),
                "gateway.xmpp.c2s.require-tls", "false",
                "gateway.xmpp.auth.session-service-url", "http://127.0.0.1:1"));
        all.putAll(settings);
        properties = new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("gateway.xmpp",
                EdgeProperties.class);
        producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        var publisher = new EdgePublisher(producer, topics);
        var identity = new EdgeIdentity(properties);
        context = new StreamContext(properties, identity, new ServerTls(properties),
                new SessionServiceClient(properties), new AuthFailureLimiter(properties), hashing, sessions,
                new SessionEntries(sessions, publisher), publisher,
                new SessionTermination(sessions, publisher, identity),
                new EdgeMetrics(new SimpleMeterRegistry(), sessions));
    }

    /** The records sent to {@code topic} so far, values as text (null for a tombstone). */
    public List<String> sent(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic))
                .map(ProducerRecord::value).map(v -> v == null ? null : new String(v, StandardCharsets.UTF_8))
                .toList();
    }

    public void close() {
        hashing.destroy();
    }

    /** Feeds text to the channel as a client would send it. */
    public static void send(EmbeddedChannel channel, String xml) {
        channel.writeInbound(channel.alloc().buffer().writeBytes(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Everything the server wrote so far, as text. */
    public static String written(EmbeddedChannel channel) {
        var out = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }
}
