package io.xsg.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway for all integration tests of this JVM: real embedded Kafka, the real PostgreSQL (a schema of its
 * own per run, dropped at exit), random ports, short heartbeat periods so dead-edge clean-up is quick to observe.
 */
final class TestGateway {

    static final String DOMAIN = "a.test";
    static final String PASSWORD = "correct horse battery";
    /** The domain of a second gateway that {@link FederationIT} starts, and the s2s port it will listen on. */
    static final String REMOTE_DOMAIN = "b.test";
    static final int REMOTE_S2S_PORT = freePort();
    /** The domain of the Prosody server that {@link ProsodyFederationIT} runs, and its s2s port. */
    static final String PROSODY_DOMAIN = "p.test";
    static final int PROSODY_S2S_PORT = freePort();
    /** The authority every test gateway trusts for SASL EXTERNAL; it issues b.test's certificate. */
    static final TestAuthority AUTHORITY = TestAuthority.create();

    private static Gateway gateway;
    private static Path dataDir;
    private static String schema;

    private TestGateway() {
    }

    static synchronized Gateway get() {
        if (gateway == null) {
            try {
                dataDir = Files.createTempDirectory("gateway-it");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            schema = "it_" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
            gateway = Gateway.start(common(dataDir, schema).toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(TestGateway::shutdown));
        }
        return gateway;
    }

    static List<String> common(Path dataDir, String schema) {
        List<String> args = new ArrayList<>(List.of(
                "--gateway.data-dir=" + dataDir,
                "--gateway.embedded-kafka.port=0",
                "--server.port=0",
                "--gateway.xmpp.domain=" + DOMAIN,
                "--gateway.xmpp.c2s.port=0",
                "--gateway.xmpp.c2s.direct-tls-port=0",
                "--gateway.xmpp.c2s.bind-address=127.0.0.1",
                "--gateway.xmpp.heartbeat-interval=500ms",
                // federation on loopback: a free port of our own, b.test where FederationIT will start it
                "--gateway.xmpp.s2s.bind-address=127.0.0.1",
                "--gateway.xmpp.s2s.port=0",
                "--gateway.xmpp.s2s.direct-tls-port=0",
                "--gateway.xmpp.s2s.hosts[" + REMOTE_DOMAIN + "]=127.0.0.1:" + REMOTE_S2S_PORT,
                "--gateway.xmpp.s2s.hosts[" + PROSODY_DOMAIN + "]=127.0.0.1:" + PROSODY_S2S_PORT,
                "--gateway.xmpp.s2s.negotiation-timeout=5s",
                "--gateway.xmpp.s2s.trust-store=" + AUTHORITY.trustStore(),
                // content providers of the second operator may text this one's handsets (FederationIT)
                "--gateway.sms.remote-senders[0]=" + REMOTE_DOMAIN,
                "--gateway.xmpp.s2s.dns-timeout=1s",
                "--gateway.session.dead-edge-after=3s",
                "--gateway.session.offline.purge-interval=500ms",
                "--gateway.session.offline.max-messages-per-user=20",
                "--gateway.kafka.topics.partitions=4",
                "--smsc.port=0",
                "--smsc.receipt-delay=100ms",
                // receipts overtake each other as real ones do; a prefix that never gets a final receipt, one whose
                // SMS are undeliverable (SmsDeliveryIT)
                "--smsc.receipt-jitter=200ms",
                "--smsc.receipt-rules[0].prefix=+1415556",
                "--smsc.receipt-rules[0].state=ENROUTE",
                "--smsc.receipt-rules[1].prefix=+1415559",
                "--smsc.receipt-rules[1].state=UNDELIVERABLE",
                "--gateway.sms.receipt-timeout=3s",
                "--gateway.sms.idle-check-interval=1s"));
        if (schema != null) {
            args.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.flyway.schemas=" + schema);
            args.add("--spring.flyway.default-schema=" + schema);
        }
        return args;
    }

    private static void shutdown() {
        gateway.close();
        TempDirs.delete(dataDir);
        dropSchema(schema);
    }

    /** Drops a test gateway's schema after it has stopped; best effort: a leftover schema only costs disk. */
    static void dropSchema(String schema) {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             var s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (Exception e) {
            System.err.println("could not drop schema " + schema + ": " + e);
        }
    }

    static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int s2sPort() {
        return get().edge().getBean(io.xsg.edge.s2s.Federation.class).port();
    }

    static int s2sDirectTlsPort() {
        return get().edge().getBean(io.xsg.edge.s2s.Federation.class).directTlsPort();
    }

    static int c2sPort() {
        return Gateway.c2sPort(get().edge());
    }

    static int directTlsPort() {
        return Gateway.directTlsPort(get().edge());
    }

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A phone number no other test of this run uses: {@code prefix} and four digits. (The prefix chooses the
     * simulator's receipt rule; see {@link #common}.) Random digits could meet, and a subscriber's number is unique.
     */
    static String newNumber(String prefix) {
        return prefix + String.format("%04d", NUMBERS.incrementAndGet());
    }

    /** Creates an account through the admin REST API, as an operator would. */
    static String createAccount(String prefix) throws Exception {
        return createAccount(get(), prefix);
    }

    /** On a gateway of the caller's (the second domain of {@link FederationIT}). */
    static String createAccount(Gateway on, String prefix) throws Exception {
        String user = prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        var request = HttpRequest.newBuilder(URI.create(on.sessionServiceUrl() + "/admin/accounts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("account not created: " + response.statusCode() + " " + response.body());
        }
        return user;
    }

    /** Trusts exactly the gateway's (self-signed) certificate. */
    static X509TrustManager trustManager() {
        return trustManager(get().certificate());
    }

    static X509TrustManager trustManager(Path certificate) {
        try {
            return io.xsg.launcher.load.LoadClients.trustManager(certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLContext sslContext() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigurableApplicationContext edge() {
        return get().edge();
    }

    private static ConfigurableApplicationContext edge2;

    /**
     * A second edge, without Direct TLS, with TLS optional (so that plaintext refusals can be shown) and in-band
     * registration on.
     */
    static synchronized ConfigurableApplicationContext secondEdge() {
        if (edge2 == null) {
            edge2 = get().startEdge(List.of("--gateway.xmpp.edge-id=edge-2",
                    "--gateway.xmpp.c2s.direct-tls-port=-1", "--gateway.xmpp.c2s.require-tls=false",
                    "--gateway.xmpp.registration.enabled=true"));
        }
        return edge2;
    }
}
