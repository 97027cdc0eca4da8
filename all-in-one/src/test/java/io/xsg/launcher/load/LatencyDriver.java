package io.xsg.launcher.load;

import io.xsg.launcher.Gateway;
import io.xsg.launcher.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Client-to-client message latency through the whole Kafka path (edge → Kafka → routing → Kafka → edge), at a
 * fixed send rate, with Smack clients on loopback. Everything runs in this one JVM (gateway, embedded broker,
 * clients), so the figures include their competition for the same cores. Bounded in count and time.
 *
 * <pre>
 * ./mvnw -B -q -o -pl all-in-one test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp all-in-one/target/test-classes:all-in-one/target/classes:$(cat all-in-one/target/test.classpath) \
 *     io.xsg.launcher.load.LatencyDriver [rate/s=1000] [seconds=20] [pairs=10]
 * </pre>
 * With {@code -Dgateway=DATA_DIR} it drives a gateway already running in another process on the default ports
 * ({@code java -jar all-in-one.jar --gateway.data-dir=DATA_DIR}), so that clients and gateway do not share a JVM.
 */
public final class LatencyDriver {

    private static final String PASSWORD = "load-test-password";

    private LatencyDriver() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        org.jivesoftware.smack.roster.Roster.setRosterLoadedAtLoginDefault(false); // no rosters yet
        String external = System.getProperty("gateway");
        Path dir = TempDirs.deletedAtExit("gateway-latency");
        try (Gateway gateway = external != null ? null : Gateway.start("--gateway.data-dir=" + dir,
                "--gateway.embedded-kafka.port=0", "--server.port=0", "--gateway.xmpp.c2s.port=0",
                "--gateway.xmpp.c2s.direct-tls-port=-1", "--gateway.xmpp.c2s.bind-address=127.0.0.1",
                "--gateway.kafka.topics.partitions=4", "--logging.level.root=WARN",
                System.getProperty("extra", "--gateway.probe=none"))) {
            // -Dgateway=DATA_DIR measures a gateway running in its own process (java -jar all-in-one.jar),
            // on the default ports, whose data directory holds the certificate
            int port = gateway != null ? Gateway.c2sPort(gateway.edge()) : 5222;
            Path certificate = gateway != null ? gateway.certificate() : Path.of(external, "tls-a.test.crt");
            String admin = gateway != null ? gateway.sessionServiceUrl() : "http://127.0.0.1:8081";
            X509TrustManager trust = LoadClients.trustManager(certificate);
            List<XMPPTCPConnection> senders = new ArrayList<>();
            List<XMPPTCPConnection> receivers = new ArrayList<>();
            int total = rate * seconds;
            long[] latencyNanos = new long[total];
            Arrays.fill(latencyNanos, -1);
            AtomicInteger received = new AtomicInteger();
            for (int i = 0; i < pairs; i++) {
                LoadClients.createAccount(admin, "snd" + i, PASSWORD);
                LoadClients.createAccount(admin, "rcv" + i, PASSWORD);
                senders.add(login("snd" + i, port, trust));
                XMPPTCPConnection r = login("rcv" + i, port, trust);
                r.addSyncStanzaListener(stanza -> {
                    String body = ((Message) stanza).getBody();
                    int colon = body.indexOf(':');
                    int seq = Integer.parseInt(body.substring(0, colon));
                    if (seq >= 0) {
                        latencyNanos[seq] = System.nanoTime() - Long.parseLong(body.substring(colon + 1));
                        received.incrementAndGet();
                    }
                }, StanzaTypeFilter.MESSAGE);
                receivers.add(r);
            }
            var targets = new ArrayList<org.jxmpp.jid.Jid>();
            for (int i = 0; i < pairs; i++) {
                targets.add(JidCreate.from("rcv" + i + "@a.test/load"));
            }
            // warm-up: JIT, Kafka producers' batches, consumer fetch sessions
            send(senders, targets, rate, 10 * rate, true, null);
            Thread.sleep(2000);
            AtomicLong sent = new AtomicLong();
            long start = System.nanoTime();
            send(senders, targets, rate, total, false, sent);
            long sendSeconds = System.nanoTime() - start;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (received.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long[] got = Arrays.stream(latencyNanos).filter(l -> l >= 0).sorted().toArray();
            System.out.printf("sent %d at %.0f/s over %d pairs, received %d (lost or late %d)%n", sent.get(),
                    sent.get() / (sendSeconds / 1e9), pairs, got.length, total - got.length);
            System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    pct(got, 50), pct(got, 90), pct(got, 99), pct(got, 99.9), got[got.length - 1] / 1e6);
            if (Boolean.getBoolean("stages") && gateway != null) {
                Stages.print(gateway.bootstrapServers());
            }
            senders.forEach(XMPPTCPConnection::disconnect);
            receivers.forEach(XMPPTCPConnection::disconnect);
        }
        System.exit(0);
    }

    static void send(List<XMPPTCPConnection> senders, List<org.jxmpp.jid.Jid> targets, int rate, int count,
                             boolean warmUp, AtomicLong sent) throws InterruptedException {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var seq = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        var done = new java.util.concurrent.CountDownLatch(1);
        scheduler.scheduleAtFixedRate(() -> {
            int n = seq.getAndIncrement();
            if (n >= count) {
                done.countDown();
                return;
            }
            int pair = n % senders.size();
            var message = new Message(targets.get(pair), (warmUp ? -1 : n) + ":" + System.nanoTime());
            message.setType(Message.Type.chat);
            try {
                senders.get(pair).sendStanza(message);
                if (sent != null) {
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.await();
        scheduler.shutdownNow();
    }

    private static XMPPTCPConnection login(String user, int port, X509TrustManager trust) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder().setXmppDomain("a.test").setHost("127.0.0.1")
                .setPort(port).setUsernameAndPassword(user, PASSWORD).setResource("load")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(trust)
                .setSocketFactory(new NoDelaySocketFactory()).build();
        var connection = new XMPPTCPConnection(config);
        connection.connect().login();
        return connection;
    }

    static double pct(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
