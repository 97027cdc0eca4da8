package io.xsg.launcher.load;

import io.xsg.launcher.Gateway;
import io.xsg.launcher.TempDirs;
import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The SMS bridge end to end, as issue 10 measures it: a content provider's Smack clients send chats with receipt
 * requests to {@code +E164@sms.a.test} across many handsets at a fixed rate; the gateway queues each in its
 * handset's outbox, submits it through the connector to the embedded SMSC simulator (receipts after 50 ms), and
 * answers with XEP-0184 {@code <received/>}. Reports SMS/s reaching the SMSC, stanza-in → submit_sm latency (sent by
 * the client → the simulator has the whole SMS) and stanza-in → {@code <received/>} back at the client. Everything
 * in this JVM on loopback, so the figures include the clients' and the simulator's share of the cores.
 *
 * <pre>
 * ./mvnw -B -q -o -pl all-in-one test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp all-in-one/target/test-classes:all-in-one/target/classes:$(cat all-in-one/target/test.classpath) \
 *     io.xsg.launcher.load.SmsBridgeDriver [rate/s=500] [seconds=20] [handsets=1000] [connections=4]
 * </pre>
 * {@code -Dpostgres=SCHEMA} runs the gateway on the local PostgreSQL (a fresh schema) instead of the embedded H2;
 * {@code -Dstages=true} adds where each SMS's time went, read back from the topics.
 */
public final class SmsBridgeDriver {

    private static final String PASSWORD = "load-test-password";

    private SmsBridgeDriver() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int handsets = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        org.jivesoftware.smack.roster.Roster.setRosterLoadedAtLoginDefault(false);
        Path dir = TempDirs.deletedAtExit("gateway-sms-load");
        List<String> options = new ArrayList<>(List.of("--gateway.data-dir=" + dir,
                "--gateway.embedded-kafka.port=0", "--server.port=0", "--gateway.xmpp.c2s.port=0",
                "--gateway.xmpp.c2s.direct-tls-port=-1", "--gateway.xmpp.c2s.bind-address=127.0.0.1",
                "--gateway.kafka.topics.partitions=4", "--logging.level.root=WARN", "--smsc.port=0",
                "--smsc.receipt-delay=50ms", "--smsc.journal-limit=1000",
                "--gateway.smsc.links[0].window=200", "--gateway.smsc.links[0].tps=100000",
                "--gateway.sms.default-expiry=10m"));
        String schema = System.getProperty("postgres"); // -Dpostgres=SCHEMA: the local PostgreSQL, not embedded H2
        if (schema != null) {
            options.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema="
                    + schema, "--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema,
                    "--spring.flyway.default-schema=" + schema));
        }
        try (Gateway gateway = Gateway.start(options.toArray(String[]::new))) {
            int port = Gateway.c2sPort(gateway.edge());
            X509TrustManager trust = LoadClients.trustManager(gateway.certificate());
            String admin = gateway.sessionServiceUrl();
            LoadClients.createAccount(admin, "icp", PASSWORD);
            var enabled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin
                            + "/admin/accounts/icp/sms-sender")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (enabled.statusCode() != 200) {
                throw new IllegalStateException("not a provider: " + enabled.body());
            }
            SmscSimulator smsc = gateway.smsc().getBean(SmscSimulator.class);
            if (!smsc.awaitBound(1, Duration.ofSeconds(30))) {
                throw new IllegalStateException("connector never bound");
            }
            int total = rate * seconds;
            int warm = Math.min(total, 2 * handsets);
            Instant[] sentAt = new Instant[warm + total];
            long[] receiptNanos = new long[warm + total];
            Arrays.fill(receiptNanos, -1);
            long[] sentNanos = new long[warm + total];
            Map<String, Integer> byStanzaId = new ConcurrentHashMap<>();
            AtomicInteger receipts = new AtomicInteger();
            List<XMPPTCPConnection> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                XMPPTCPConnection c = login(port, trust, "load" + i);
                c.addSyncStanzaListener(stanza -> {
                    DeliveryReceipt r = stanza.getExtension(DeliveryReceipt.class);
                    Integer seq = r == null ? null : byStanzaId.get(r.getId());
                    if (seq != null && receiptNanos[seq] < 0) {
                        receiptNanos[seq] = System.nanoTime() - sentNanos[seq];
                        receipts.incrementAndGet();
                    }
                }, StanzaTypeFilter.MESSAGE);
                clients.add(c);
            }
            // warm-up: every handset's first SMS (virtual number allocation, JIT, Kafka batches)
            send(clients, handsets, Math.min(rate, 500), 0, warm, sentAt, sentNanos, byStanzaId);
            await(receipts, warm, 60);
            System.out.printf("warm-up: %d of %d receipts%n", receipts.get(), warm);
            int before = receipts.get();
            long start = System.nanoTime();
            Instant startWall = Instant.now();
            send(clients, handsets, rate, warm, total, sentAt, sentNanos, byStanzaId);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            await(receipts, before + total, 120);
            double allSeconds = (System.nanoTime() - start) / 1e9;

            List<Long> submitMicros = new ArrayList<>();
            Instant lastSubmit = startWall;
            int submitted = 0;
            for (int h = 0; h < handsets; h++) {
                for (HandsetMessage m : smsc.handsets().messages(number(h))) {
                    if (m.direction() != Direction.MT || !m.text().startsWith("load ")) {
                        continue;
                    }
                    int seq = Integer.parseInt(m.text().substring(5));
                    if (seq < warm) {
                        continue;
                    }
                    submitted++;
                    submitMicros.add(Duration.between(sentAt[seq], m.at()).toNanos() / 1000);
                    if (m.at().isAfter(lastSubmit)) {
                        lastSubmit = m.at();
                    }
                }
            }
            long[] toSmsc = submitMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] toReceipt = Arrays.stream(receiptNanos, warm, warm + total).filter(n -> n >= 0).map(n -> n / 1000)
                    .sorted().toArray();
            double submitSeconds = Duration.between(startWall, lastSubmit).toNanos() / 1e9;
            System.out.printf("offered %d SMS at %.0f/s to %d handsets over %d connections%n", total,
                    total / sendSeconds, handsets, connections);
            System.out.printf("at the SMSC: %d (%.0f SMS/s from the first send to the last submit)%n", submitted,
                    submitted / submitSeconds);
            System.out.printf("receipts: %d of %d within %.1f s%n", toReceipt.length, total, allSeconds);
            System.out.printf("stanza-in -> submit_sm ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    pct(toSmsc, 50), pct(toSmsc, 90), pct(toSmsc, 99), pct(toSmsc, 100));
            System.out.printf("stanza-in -> <received/> ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    pct(toReceipt, 50), pct(toReceipt, 90), pct(toReceipt, 99), pct(toReceipt, 100));
            if (Boolean.getBoolean("stages")) {
                System.out.println("reading the stages back from Kafka…");
                try {
                    SmsStages.print(gateway.bootstrapServers(), "smsc-1");
                } catch (Throwable t) {
                    t.printStackTrace(System.out);
                }
            }
            clients.forEach(XMPPTCPConnection::disconnect);
        }
        System.exit(0);
    }

    private static String number(int handset) {
        return "+1415600" + String.format("%04d", handset);
    }

    private static void send(List<XMPPTCPConnection> clients, int handsets, int rate, int first, int count,
                             Instant[] sentAt, long[] sentNanos, Map<String, Integer> byStanzaId)
            throws InterruptedException {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var next = new AtomicInteger();
        var done = new CountDownLatch(1);
        scheduler.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= count) {
                done.countDown();
                return;
            }
            int seq = first + n;
            try {
                var message = new Message(JidCreate.from(number(seq % handsets) + "@sms.a.test"), "load " + seq);
                message.setType(Message.Type.chat);
                DeliveryReceiptRequest.addTo(message);
                byStanzaId.put(message.getStanzaId(), seq);
                sentNanos[seq] = System.nanoTime();
                sentAt[seq] = Instant.now();
                clients.get(seq % clients.size()).sendStanza(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        done.await();
        scheduler.shutdownNow();
    }

    private static void await(AtomicInteger counter, int target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (counter.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static XMPPTCPConnection login(int port, X509TrustManager trust, String resource) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder().setXmppDomain("a.test").setHost("127.0.0.1")
                .setPort(port).setUsernameAndPassword("icp", PASSWORD).setResource(resource)
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(trust)
                .setSocketFactory(new NoDelaySocketFactory()).build();
        var connection = new XMPPTCPConnection(config);
        connection.connect().login();
        return connection;
    }

    private static double pct(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(p / 100.0 * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }
}
