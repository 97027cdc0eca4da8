package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.directory.SessionDirectory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Localpart;

/** In-band registration, the per-account failure limit, and exactly-once writes of re-sent deliveries. */
class AccountsAndLimitsIT {

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    @Test
    void inBandRegistrationCreatesAnAccountThatCanLogIn() throws Exception {
        int port = Gateway.c2sPort(TestGateway.secondEdge());
        String user = "inband" + System.nanoTime() % 1_000_000;
        var config = Clients.starttls(user, port).build();
        var connection = new XMPPTCPConnection(config);
        try {
            connection.connect();
            var accounts = AccountManager.getInstance(connection);
            assertThat(accounts.supportsAccountCreation()).isTrue();
            accounts.createAccount(Localpart.from(user), TestGateway.PASSWORD);
            assertThatThrownBy(() -> accounts.createAccount(Localpart.from(user), TestGateway.PASSWORD))
                    .hasMessageContaining("conflict");
        } finally {
            connection.disconnect();
        }
        XMPPTCPConnection loggedIn = Clients.login(Clients.starttls(user, port).build());
        assertThat(loggedIn.isAuthenticated()).isTrue();
        loggedIn.disconnect();
    }

    @Test
    void registrationIsOffByDefault() throws Exception {
        var connection = new XMPPTCPConnection(Clients.starttls("x", TestGateway.c2sPort()).build());
        try {
            connection.connect();
            assertThat(connection.hasFeature("register", "http://jabber.org/features/iq-register")).isFalse();
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Guessing from one address slows that address down for that account, doubling the wait at each failure; the
     * owner logs in at once from another address, and the right password still gets through from the guessing one,
     * only later. Nobody can lock a user out. An edge of its own with a 100 ms base delay keeps this quick.
     */
    @Test
    void guessingSlowsTheGuesserAndNeverLocksTheOwnerOut() throws Exception {
        String user = TestGateway.createAccount("guessed");
        var edge = TestGateway.get().startEdge(List.of("--gateway.xmpp.edge-id=edge-guessing",
                "--gateway.xmpp.c2s.direct-tls-port=-1", "--gateway.xmpp.auth.failure-delay=100ms",
                "--gateway.xmpp.auth.max-failures-per-address=50"));
        try {
            int port = Gateway.c2sPort(edge);
            for (int i = 0; i < 6; i++) { // waits of 0, 100, 200, 400, 800 and 1,600 ms
                var wrong = new XMPPTCPConnection(Clients.starttls(user, port)
                        .setUsernameAndPassword(user, "guess number " + i).build());
                try {
                    wrong.connect();
                    assertThatThrownBy(wrong::login).isInstanceOf(SASLErrorException.class)
                            .hasMessageContaining("not-authorized");
                } finally {
                    wrong.disconnect();
                }
            }
            var owner = new XMPPTCPConnection(Clients.starttls(user, port)
                    .setSocketFactory(boundTo("127.0.0.2")).build());
            try {
                owner.connect().login(); // from an address that has not failed: no wait, no refusal
                assertThat(owner.isAuthenticated()).isTrue();
            } finally {
                owner.disconnect();
            }
            var guesser = new XMPPTCPConnection(Clients.starttls(user, port).build());
            try {
                guesser.connect();
                long start = System.nanoTime();
                guesser.login();
                assertThat(guesser.isAuthenticated()).as("the right password, after the wait").isTrue();
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                        .as("six failures: 100 ms doubled five times").isGreaterThanOrEqualTo(
                                java.time.Duration.ofMillis(3_200));
            } finally {
                guesser.disconnect();
            }
        } finally {
            edge.close();
        }
    }

    /** Sockets from another loopback address: another client, as far as the edge can tell. */
    private static javax.net.SocketFactory boundTo(String local) {
        return new javax.net.SocketFactory() {
            @Override
            public java.net.Socket createSocket() throws java.io.IOException {
                var socket = new java.net.Socket();
                socket.bind(new java.net.InetSocketAddress(local, 0));
                return socket;
            }

            @Override
            public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
                var socket = createSocket();
                socket.connect(new java.net.InetSocketAddress(host, port));
                return socket;
            }

            @Override
            public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
                return createSocket(host.getHostAddress(), port);
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                                                int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /**
     * An unknown name gets a SCRAM challenge like an account's, and the same one from every edge: nothing tells
     * who exists (the salt comes from a key the session service keeps in its database, not from each edge's memory).
     */
    @Test
    void anUnknownNameGetsTheSameChallengeFromEveryEdge() throws Exception {
        String nobody = "nobody" + System.nanoTime();
        String first = scramSalt(TestGateway.c2sPort(), nobody);
        String second = scramSalt(Gateway.c2sPort(TestGateway.secondEdge()), nobody);
        assertThat(first).isEqualTo(second);
        String real = TestGateway.createAccount("real");
        assertThat(scramSalt(TestGateway.c2sPort(), real).length()).as("salts of the same length")
                .isEqualTo(first.length());
    }

    /** Opens a stream, STARTTLS, starts SCRAM-SHA-256 for the user and returns the salt of the challenge. */
    private static String scramSalt(int port, String user) throws Exception {
        try (var plain = new java.net.Socket("127.0.0.1", port); RawStream s = new RawStream(plain)) {
            s.send(RawStream.HEADER).readUntil("</stream:features>");
            s.clear().send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").readUntil("<proceed");
            var tls = (javax.net.ssl.SSLSocket) TestGateway.sslContext().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", port, false);
            tls.startHandshake();
            try (RawStream t = new RawStream(tls)) {
                t.send(RawStream.HEADER).readUntil("</stream:features>");
                String first = java.util.Base64.getEncoder().encodeToString(("n,,n=" + user + ",r=abcdefghijkl")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String challenge = t.clear().send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
                        + "mechanism='SCRAM-SHA-256'>" + first + "</auth>").readUntil("</challenge>");
                var m = java.util.regex.Pattern.compile("<challenge[^>]*>([^<]+)</challenge>").matcher(challenge);
                assertThat(m.find()).as(challenge).isTrue();
                String serverFirst = new String(java.util.Base64.getDecoder().decode(m.group(1)),
                        java.nio.charset.StandardCharsets.UTF_8);
                var salt = java.util.regex.Pattern.compile(",s=([^,]+),i=4096").matcher(serverFirst);
                assertThat(salt.find()).as(serverFirst).isTrue();
                return salt.group(1);
            }
        }
    }

    @Test
    void aDeliveryRoutedTwiceIsWrittenOnce() throws Exception {
        String user = TestGateway.createAccount("once");
        XMPPTCPConnection c = Clients.login(Clients.starttls(user, TestGateway.c2sPort()).build());
        try {
            var inbox = Clients.messages(c);
            var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
            String fullJid = user + "@a.test/laptop";
            Clients.await(() -> directory.byFullJid(fullJid) != null, "the session in the directory");
            String sessionId = directory.byFullJid(fullJid).sessionId();
            String topic = Topics.defaults().edgeDelivery("edge-1");
            var duplicate = EdgeDeliveryEvent.stanza("event-1/" + sessionId, sessionId,
                    "<message from='x@a.test/y' to='" + fullJid + "' type='chat'><body>once</body></message>");
            var last = EdgeDeliveryEvent.stanza("event-2/" + sessionId, sessionId,
                    "<message from='x@a.test/y' to='" + fullJid + "' type='chat'><body>last</body></message>");
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestGateway.get().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                for (var event : new EdgeDeliveryEvent[] {duplicate, duplicate, last}) {
                    producer.send(new ProducerRecord<>(topic, sessionId,
                            EventSerdes.edgeDelivery().serialize(topic, event))).get();
                }
            }
            Message first = Clients.next(inbox);
            Message second = Clients.next(inbox);
            assertThat(first.getBody()).isEqualTo("once");
            assertThat(second.getBody()).as("the duplicate was skipped").isEqualTo("last");
        } finally {
            c.disconnect();
        }
    }
}
