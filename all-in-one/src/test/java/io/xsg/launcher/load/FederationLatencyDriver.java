package io.xsg.launcher.load;

import io.xsg.edge.s2s.Federation;
import io.xsg.edge.tls.SelfSignedCertificates;
import io.xsg.events.serde.EventSerdes;
import io.xsg.launcher.Gateway;
import io.xsg.launcher.TempDirs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Message latency and rate across federation, user of one server to user of another, at a fixed send rate:
 * {@code gateways} runs two whole gateways ({@code a.test}, {@code b.test}: each its own broker, database and edge)
 * in this JVM, federating over loopback by dialback; {@code prosody} runs two Debian Prosodys ({@code pa.test} on
 * 127.0.0.2, {@code pb.test} on 127.0.0.3, found through {@code /etc/hosts}, to which it adds them) in their own
 * processes. Clients are Smack in this JVM either way, so the gateways' figures also carry the clients' and the
 * other gateway's competition for the same two cores.
 *
 * <pre>
 * ./mvnw -B -q -o -pl all-in-one test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp all-in-one/target/test-classes:all-in-one/target/classes:$(cat all-in-one/target/test.classpath) \
 *     io.xsg.launcher.load.FederationLatencyDriver gateways|prosody [rate/s=200] [seconds=20] [pairs=10]
 * </pre>
 * With {@code -Dstages=true} (gateways) it also prints where the time goes, stage by stage.
 */
public final class FederationLatencyDriver {

    private static final String PASSWORD = "load-test-password";

    private record Side(String domain, String host, int c2sPort, X509TrustManager trust) {
    }

    private FederationLatencyDriver() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "gateways";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        org.jivesoftware.smack.roster.Roster.setRosterLoadedAtLoginDefault(false);
        List<AutoCloseable> running = new ArrayList<>();
        try {
            Side[] sides = "prosody".equals(mode) ? prosodys(pairs, running) : gateways(pairs, running);
            measure(sides[0], sides[1], rate, seconds, pairs);
            if (Boolean.getBoolean("stages") && running.size() == 2) {
                stages((Gateway) running.get(0), (Gateway) running.get(1));
            }
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).close();
            }
        }
        System.exit(0);
    }

    private static Side[] gateways(int pairs, List<AutoCloseable> running) throws Exception {
        int s2sA = freePort();
        int s2sB = freePort();
        Gateway a = gateway("a.test", s2sA, "b.test", s2sB);
        running.add(a);
        Gateway b = gateway("b.test", s2sB, "a.test", s2sA);
        running.add(b);
        for (int i = 0; i < pairs; i++) {
            LoadClients.createAccount(a.sessionServiceUrl(), "snd" + i, PASSWORD);
            LoadClients.createAccount(b.sessionServiceUrl(), "rcv" + i, PASSWORD);
        }
        System.out.printf("two gateways, s2s on %d and %d%n", a.edge().getBean(Federation.class).port(),
                b.edge().getBean(Federation.class).port());
        return new Side[] {
            new Side("a.test", "127.0.0.1", Gateway.c2sPort(a.edge()), LoadClients.trustManager(a.certificate())),
            new Side("b.test", "127.0.0.1", Gateway.c2sPort(b.edge()), LoadClients.trustManager(b.certificate()))};
    }

    private static Gateway gateway(String domain, int s2sPort, String peer, int peerPort) throws Exception {
        Path dir = TempDirs.deletedAtExit("gateway-" + domain);
        return Gateway.start("--gateway.data-dir=" + dir, "--gateway.embedded-kafka.port=0", "--server.port=0",
                "--gateway.xmpp.domain=" + domain, "--gateway.xmpp.edge-id=edge-" + domain,
                "--gateway.xmpp.c2s.port=0", "--gateway.xmpp.c2s.direct-tls-port=-1",
                "--gateway.xmpp.c2s.bind-address=127.0.0.1", "--gateway.xmpp.s2s.bind-address=127.0.0.1",
                "--gateway.xmpp.s2s.port=" + s2sPort, "--gateway.xmpp.s2s.direct-tls-port=-1",
                "--gateway.xmpp.s2s.hosts[" + peer + "]=127.0.0.1:" + peerPort,
                "--gateway.kafka.topics.partitions=4", "--smsc.port=0", "--logging.level.root=WARN");
    }

    private static Side[] prosodys(int pairs, List<AutoCloseable> running) throws Exception {
        String hosts = Files.readString(Path.of("/etc/hosts"));
        if (!hosts.contains(" pa.test") || !hosts.contains(" pb.test")) {
            Files.writeString(Path.of("/etc/hosts"), "\n127.0.0.2 pa.test\n127.0.0.3 pb.test\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        Side[] sides = new Side[2];
        String[][] servers = {{"pa.test", "127.0.0.2", "snd"}, {"pb.test", "127.0.0.3", "rcv"}};
        for (int s = 0; s < 2; s++) {
            String domain = servers[s][0];
            Path dir = TempDirs.deletedAtExit("prosody-" + domain);
            var pair = SelfSignedCertificates.ensure(dir, domain);
            int c2s = freePort();
            ProsodyProcess prosody = ProsodyProcess.start(dir, domain, servers[s][1], c2s, 5269, pair.certificate(),
                    pair.privateKey(), "info");
            running.add(prosody);
            for (int i = 0; i < pairs; i++) {
                prosody.register(servers[s][2] + i, domain, PASSWORD);
            }
            sides[s] = new Side(domain, servers[s][1], c2s, LoadClients.trustManager(pair.certificate()));
        }
        System.out.println("two Prosodys, s2s on 127.0.0.2:5269 and 127.0.0.3:5269");
        return sides;
    }

    private static void measure(Side from, Side to, int rate, int seconds, int pairs) throws Exception {
        List<XMPPTCPConnection> senders = new ArrayList<>();
        List<XMPPTCPConnection> receivers = new ArrayList<>();
        int total = rate * seconds;
        long[] latencyNanos = new long[total];
        Arrays.fill(latencyNanos, -1);
        AtomicInteger received = new AtomicInteger();
        List<Jid> targets = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            senders.add(login(from, "snd" + i));
            XMPPTCPConnection r = login(to, "rcv" + i);
            r.addSyncStanzaListener(stanza -> {
                String body = ((Message) stanza).getBody();
                if (body == null) {
                    return;
                }
                int colon = body.indexOf(':');
                int seq = Integer.parseInt(body.substring(0, colon));
                if (seq >= 0) {
                    latencyNanos[seq] = System.nanoTime() - Long.parseLong(body.substring(colon + 1));
                    received.incrementAndGet();
                }
            }, StanzaTypeFilter.MESSAGE);
            receivers.add(r);
            targets.add(JidCreate.from("rcv" + i + "@" + to.domain() + "/load"));
        }
        // warm-up: the s2s streams open, JIT, Kafka batches
        LatencyDriver.send(senders, targets, rate, 10 * rate, true, null);
        Thread.sleep(3000);
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        LatencyDriver.send(senders, targets, rate, total, false, sent);
        long sendNanos = System.nanoTime() - start;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long lastArrival = System.nanoTime() - start;
        long[] got = Arrays.stream(latencyNanos).filter(l -> l >= 0).sorted().toArray();
        System.out.printf("%s -> %s: sent %d at %.0f/s over %d pairs, received %d (lost or late %d), %.0f/s%n",
                from.domain(), to.domain(), sent.get(), sent.get() / (sendNanos / 1e9), pairs, got.length,
                total - got.length, got.length / (Math.min(lastArrival, sendNanos + 20_000_000_000L) / 1e9));
        if (got.length > 0) {
            System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", LatencyDriver.pct(got, 50),
                    LatencyDriver.pct(got, 90), LatencyDriver.pct(got, 99), LatencyDriver.pct(got, 99.9), got[got.length - 1] / 1e6);
        }
        senders.forEach(XMPPTCPConnection::disconnect);
        receivers.forEach(XMPPTCPConnection::disconnect);
    }

    /**
     * Median time between the stages of a measured message, from the Kafka records' own timestamps and the edges'
     * receipt times: A's edge → A's stanza record → routing's s2s record → B's edge (over s2s) → B's stanza record →
     * B's delivery record. Messages are matched by the sequence number in their body.
     */
    private static void stages(Gateway a, Gateway b) {
        Map<Integer, long[]> times = new HashMap<>();
        read(a.bootstrapServers(), "xmpp.stanzas", r -> {
            var e = EventSerdes.stanzaReceived().deserialize(r.topic(), r.value());
            put(times, e.xml(), 0, e.receivedAt());
            put(times, e.xml(), 1, r.timestamp());
        });
        read(a.bootstrapServers(), "xmpp.s2s.out", r -> {
            var e = EventSerdes.stanzaReceived().deserialize(r.topic(), r.value());
            put(times, e.xml(), 2, r.timestamp());
        });
        read(b.bootstrapServers(), "xmpp.stanzas", r -> {
            var e = EventSerdes.stanzaReceived().deserialize(r.topic(), r.value());
            put(times, e.xml(), 3, e.receivedAt());
            put(times, e.xml(), 4, r.timestamp());
        });
        read(b.bootstrapServers(), "xmpp.deliver.edge-b.test", r -> {
            var d = EventSerdes.edgeDelivery().deserialize(r.topic(), r.value());
            put(times, d.payload(), 5, r.timestamp());
        });
        String[] names = {"edge A -> stanza record", "-> routing A's s2s record", "-> edge B read it",
            "-> stanza record B", "-> delivery record B"};
        for (int i = 0; i < names.length; i++) {
            int stage = i;
            long[] gaps = times.values().stream().filter(t -> t[stage] > 0 && t[stage + 1] > 0)
                    .mapToLong(t -> t[stage + 1] - t[stage]).sorted().toArray();
            if (gaps.length > 0) {
                System.out.printf("%-28s p50 %d ms  p99 %d ms  (%d)%n", names[i], gaps[gaps.length / 2],
                        gaps[Math.min(gaps.length - 1, gaps.length * 99 / 100)], gaps.length);
            }
        }
    }

    private static void put(Map<Integer, long[]> times, String xml, int stage, long millis) {
        int body = xml.indexOf("<body>");
        if (body < 0) {
            return;
        }
        String text = xml.substring(body + 6, xml.indexOf(':', body));
        int seq = Integer.parseInt(text);
        if (seq >= 0) {
            times.computeIfAbsent(seq, k -> new long[6])[stage] = millis;
        }
    }

    private static void read(String bootstrap, String topic,
                             java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> each) {
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.<String, Object>of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var parts = c.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                c.poll(java.time.Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    private static XMPPTCPConnection login(Side side, String user) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder().setXmppDomain(side.domain()).setHost(side.host())
                .setPort(side.c2sPort()).setUsernameAndPassword(user, PASSWORD).setResource("load")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(side.trust())
                .setSocketFactory(new NoDelaySocketFactory()).build();
        var connection = new XMPPTCPConnection(config);
        connection.connect().login();
        return connection;
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
