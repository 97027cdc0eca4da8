package io.xsg.edge.s2s;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslHandler;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.stream.StreamContext;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.jid.Destinations;
import io.xsg.xmpp.s2s.DialbackKeys;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Federation on this edge (RFC 6120 server-to-server): the s2s listeners for streams other servers open to us, and
 * the streams we open to other domains for what routing and the session service put on {@code xmpp.s2s.out}. Shares
 * the edge's TLS certificate, its Kafka producer (received stanzas go to routing as a client's do) and its limits.
 */
@Component
public class Federation {

    private static final Logger log = LoggerFactory.getLogger(Federation.class);
    static final String SECRET_FILE = "s2s-dialback.secret";

    private final StreamContext context;
    private final EdgeProperties.S2s settings;
    private final Destinations destinations;
    private final DialbackKeys keys;
    private final KafkaProperties kafka;
    private final Topics topics;
    private final DeadLetters deadLetters;
    private S2sTls tls;
    private PeerCertificates certificates;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private RemoteEndpoints endpoints;
    private DialbackVerifier verifier;
    private RemoteDomains remotes;
    private RemoteStanzaFeed feed;
    private S2sServer server;
    /** How each peer domain last authenticated an incoming stream: for operators (and tests) to see. */
    private final java.util.Map<String, String> incomingAuthentication = new java.util.concurrent.ConcurrentHashMap<>();

    private final io.micrometer.core.instrument.MeterRegistry registry;
    private final io.micrometer.core.instrument.Counter stanzasIn;
    private final io.micrometer.core.instrument.Counter stanzasOut;

    public Federation(StreamContext context, KafkaProperties kafka, Topics topics, DeadLetters deadLetters,
                      io.micrometer.core.instrument.MeterRegistry registry) {
        this.registry = registry;
        this.stanzasIn = io.micrometer.core.instrument.Counter.builder("xmpp.s2s.stanzas")
                .description("stanzas received from and sent to other servers").tag("direction", "in")
                .register(registry);
        this.stanzasOut = io.micrometer.core.instrument.Counter.builder("xmpp.s2s.stanzas")
                .description("stanzas received from and sent to other servers").tag("direction", "out")
                .register(registry);
        this.context = context;
        this.settings = context.properties().s2s();
        this.destinations = new Destinations(context.domain());
        this.kafka = kafka;
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.keys = settings.enabled() ? new DialbackKeys(secret(context.properties(), settings)) : null;
    }

    /** The configured secret, or one generated once into the data dir (fine for a single edge). */
    static String secret(EdgeProperties properties, EdgeProperties.S2s settings) {
        if (settings.dialbackSecret() != null && !settings.dialbackSecret().isBlank()) {
            return settings.dialbackSecret();
        }
        Path file = properties.dataDir().resolve(SECRET_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Files.writeString(file, secret, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort
            }
            log.info("generated a Server Dialback secret in {}; give every edge of a deployment the same one "
                    + "(gateway.xmpp.s2s.dialback-secret)", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    public void start() throws InterruptedException {
        if (!settings.enabled()) {
            return;
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        endpoints = new RemoteEndpoints(settings.hosts(), workers, settings.dnsTimeout());
        tls = new S2sTls(context.tls().certificate(), context.tls().privateKey());
        certificates = new PeerCertificates(settings.trustStore());
        var connector = new S2sConnector(workers, endpoints, tls, certificates, keys, limits(), settings);
        verifier = new DialbackVerifier(connector, settings.negotiationTimeout().toMillis());
        remotes = new RemoteDomains(this::serves, connector, this::bounce, settings.maxQueued(),
                settings.negotiationTimeout().toMillis(), stanzasOut::increment);
        io.micrometer.core.instrument.Gauge.builder("xmpp.s2s.streams", remotes, RemoteDomains::openStreams)
                .description("streams this edge has open to other servers").tag("direction", "out")
                .register(registry);
        feed = new RemoteStanzaFeed(kafka.buildConsumerProperties(), topics.s2sOut(), remotes, deadLetters);
        // not awaited: the group may first have to wait out a killed predecessor's session, and clients need not
        // wait for that; what routing sends meanwhile waits in Kafka
        feed.start();
        if (settings.port() >= 0) {
            server = new S2sServer(this);
            server.start(boss, workers);
            log.info("XMPP s2s for {} listening on {} (STARTTLS) and {} (Direct TLS)", context.domain(),
                    server.port(), server.directTlsPort());
        }
    }

    public void stop() {
        if (!settings.enabled()) {
            return;
        }
        if (server != null) {
            server.stop();
        }
        if (feed != null) {
            feed.stop();
        }
        if (remotes != null) {
            remotes.closeAll();
        }
        if (endpoints != null) {
            endpoints.close();
        }
        if (workers != null) {
            workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }

    /** The partitions of {@code xmpp.s2s.out} this edge owns now: the remote domains it sends to. */
    public java.util.Set<Integer> outgoingPartitions() {
        return feed == null ? java.util.Set.of() : feed.owned();
    }

    /** The s2s STARTTLS port, or -1 when not listening. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    public int directTlsPort() {
        return server == null ? -1 : server.directTlsPort();
    }

    /**
     * Sends a stanza that could not reach its domain back to its sender as an error (RFC 6120 §8.3), through routing
     * like any stanza; never an error for an error, a result or a presence.
     */
    private void bounce(StanzaReceivedEvent event, StanzaErrorCondition condition, String text, Runnable done) {
        io.micrometer.core.instrument.Counter.builder("xmpp.s2s.returned")
                .description("stanzas for other domains returned to their senders").tag("condition",
                        condition.elementName()).register(registry).increment();
        if ("error".equals(event.type()) || "presence".equals(event.kind())
                || ("iq".equals(event.kind()) && "result".equals(event.type()))) {
            done.run();
            return;
        }
        XmlElement reply;
        try {
            reply = StanzaErrors.errorReply(Stanzas.parse(event.xml()), condition, text);
        } catch (IllegalArgumentException bad) {
            done.run();
            return;
        }
        var error = new StanzaReceivedEvent(event.eventId() + "/s2s-error", event.kind(), "error", event.to(),
                event.from(), reply.toXml(), context.identity().edgeId(), null, System.currentTimeMillis());
        publish(error).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("s2s: the error for {} not published: {}", event.from(), failure.toString());
            }
            done.run();
        });
    }

    // what the stream handlers share

    EdgeProperties.S2s settings() {
        return settings;
    }

    String domain() {
        return context.domain();
    }

    /** Whether a domain is one of ours: the operator's, or its SMS bridge's. */
    boolean serves(String domain) {
        return domain.equals(destinations.domain()) || domain.equals(destinations.smsDomain());
    }

    DialbackKeys keys() {
        return keys;
    }

    DialbackVerifier verifier() {
        return verifier;
    }

    SslHandler serverTls(ByteBufAllocator allocator, boolean startTls) {
        return tls.serverHandler(allocator, startTls);
    }

    void authenticated(String peerDomain, String method) {
        incomingAuthentication.put(peerDomain, method);
        authentication("in", method, "ok");
    }

    /** {@code xmpp.s2s.authentications{direction,method,outcome}}. */
    void authentication(String direction, String method, String outcome) {
        io.micrometer.core.instrument.Counter.builder("xmpp.s2s.authentications")
                .description("server-to-server authentications").tag("direction", direction)
                .tag("method", method.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))
                .tag("outcome", outcome).register(registry).increment();
    }

    /** How {@code peerDomain} last authenticated a stream to this edge ({@code SASL EXTERNAL}, {@code dialback}), or null. */
    public String howAuthenticated(String peerDomain) {
        return incomingAuthentication.get(peerDomain);
    }

    PeerCertificates certificates() {
        return certificates;
    }

    XmlLimits limits() {
        return context.limits();
    }

    String nextEventId() {
        return context.identity().nextEventId();
    }

    String edgeId() {
        return context.identity().edgeId();
    }

    CompletableFuture<Void> publish(StanzaReceivedEvent event) {
        return context.publisher().stanza(event);
    }

    /** A stanza accepted from a peer. */
    void received() {
        stanzasIn.increment();
    }
}
