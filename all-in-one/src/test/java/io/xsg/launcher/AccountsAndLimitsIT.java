package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.directory.SessionDirectory;
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

    @Test
    void anAccountWithTooManyFailuresIsRefusedEvenWithTheRightPassword() throws Exception {
        String user = TestGateway.createAccount("guessed");
        int port = Gateway.c2sPort(TestGateway.secondEdge());
        for (int i = 0; i < 5; i++) { // gateway.xmpp.auth.max-failures-per-account
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
        var right = new XMPPTCPConnection(Clients.starttls(user, port).build());
        try {
            right.connect();
            assertThatThrownBy(right::login).isInstanceOf(SASLErrorException.class)
                    .hasMessageContaining("temporary-auth-failure");
        } finally {
            right.disconnect();
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
