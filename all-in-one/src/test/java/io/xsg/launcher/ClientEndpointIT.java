package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.directory.SessionDirectory;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Standard XMPP clients (Smack) through the real path: edge → Kafka → routing → Kafka → edge, with the session
 * service's accounts on PostgreSQL.
 */
class ClientEndpointIT {

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    @Test
    void twoStarttlsClientsChatBothWaysAndPingTheServer() throws Exception {
        String alice = TestGateway.createAccount("alice");
        String bob = TestGateway.createAccount("bob");
        XMPPTCPConnection a = Clients.login(Clients.starttls(alice, TestGateway.c2sPort()).build());
        XMPPTCPConnection b = Clients.login(Clients.starttls(bob, TestGateway.c2sPort()).build());
        try {
            assertThat(a.isSecureConnection()).isTrue();
            assertThat(a.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-256");
            var atA = Clients.messages(a);
            var atB = Clients.messages(b);
            awaitAvailable(bob);

            // to the bare JID: routed to the highest-priority resource
            a.sendStanza(chat(bob + "@a.test", "hello bob"));
            Message got = Clients.next(atB);
            assertThat(got).isNotNull();
            assertThat(got.getBody()).isEqualTo("hello bob");
            assertThat(got.getFrom().toString()).isEqualTo(alice + "@a.test/laptop");

            // back to the full JID
            b.sendStanza(chat(alice + "@a.test/laptop", "hi alice, ünïcødé & <xml>"));
            Message reply = Clients.next(atA);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("hi alice, ünïcødé & <xml>");
            assertThat(reply.getFrom().toString()).isEqualTo(bob + "@a.test/laptop");

            assertThat(PingManager.getInstanceFor(a).pingMyServer(true, Clients.TIMEOUT.toMillis())).isTrue();
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void directTlsClientChatsWithStarttlsClient() throws Exception {
        String carol = TestGateway.createAccount("carol");
        String dave = TestGateway.createAccount("dave");
        XMPPTCPConnection c = Clients.login(Clients.directTls(carol, TestGateway.directTlsPort()).build());
        XMPPTCPConnection d = Clients.login(Clients.starttls(dave, TestGateway.c2sPort()).build());
        try {
            var atC = Clients.messages(c);
            d.sendStanza(chat(carol + "@a.test/phone", "over direct TLS?"));
            Message got = Clients.next(atC);
            assertThat(got).isNotNull();
            assertThat(got.getBody()).isEqualTo("over direct TLS?");
        } finally {
            c.disconnect();
            d.disconnect();
        }
    }

    @Test
    void usersOnDifferentEdgesChat() throws Exception {
        ConfigurableApplicationContext edge2 = secondEdge();
        String erin = TestGateway.createAccount("erin");
        String frank = TestGateway.createAccount("frank");
        XMPPTCPConnection e = Clients.login(Clients.starttls(erin, TestGateway.c2sPort()).build());
        XMPPTCPConnection f = Clients.login(Clients.starttls(frank, Gateway.c2sPort(edge2)).build());
        try {
            var atE = Clients.messages(e);
            var atF = Clients.messages(f);
            awaitAvailable(frank);
            e.sendStanza(chat(frank + "@a.test", "from edge 1"));
            assertThat(Clients.next(atF).getBody()).isEqualTo("from edge 1");
            f.sendStanza(chat(erin + "@a.test/laptop", "from edge 2"));
            assertThat(Clients.next(atE).getBody()).isEqualTo("from edge 2");
        } finally {
            e.disconnect();
            f.disconnect();
        }
    }

    @Test
    void wrongPasswordIsNotAuthorized() throws Exception {
        String grace = TestGateway.createAccount("grace");
        var config = Clients.starttls(grace, TestGateway.c2sPort())
                .setUsernameAndPassword(grace, "wrong password!").build();
        var connection = new XMPPTCPConnection(config);
        try {
            connection.connect();
            assertThatThrownBy(connection::login)
                    .isInstanceOfSatisfying(SASLErrorException.class,
                            e -> assertThat(e.getSASLFailure().getSASLErrorString()).isEqualTo("not-authorized"));
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void unknownAccountIsNotAuthorizedToo() throws Exception {
        var config = Clients.starttls("nobody" + System.nanoTime(), TestGateway.c2sPort()).build();
        var connection = new XMPPTCPConnection(config);
        try {
            connection.connect();
            assertThatThrownBy(connection::login).isInstanceOf(SASLErrorException.class)
                    .hasMessageContaining("not-authorized");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void messageToAnAccountThatDoesNotExistComesBackAsServiceUnavailable() throws Exception {
        String henry = TestGateway.createAccount("henry");
        XMPPTCPConnection h = Clients.login(Clients.starttls(henry, TestGateway.c2sPort()).build());
        try {
            var atH = Clients.messages(h);
            h.sendStanza(chat("nobody-" + henry + "@a.test", "anyone?"));
            Message error = Clients.next(atH);
            assertThat(error).isNotNull();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        } finally {
            h.disconnect();
        }
    }

    @Test
    void aClientThatDisconnectsLeavesNoEntryBehind() throws Exception {
        String judy = TestGateway.createAccount("judy");
        XMPPTCPConnection j = Clients.login(Clients.starttls(judy, TestGateway.c2sPort()).build());
        awaitAvailable(judy);
        j.disconnect();
        var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
        Clients.await(() -> directory.byBareJid(judy + "@a.test").isEmpty(), "judy's entry to go");
    }

    @Test
    void aSecondSessionWithTheSameFullJidReplacesTheFirst() throws Exception {
        String kim = TestGateway.createAccount("kim");
        XMPPTCPConnection first = Clients.login(Clients.starttls(kim, TestGateway.c2sPort()).build());
        var closedWith = Clients.closedOnError(first);
        // the second one binds the same resource on another edge: routing tells the first edge
        XMPPTCPConnection second = Clients.login(Clients.starttls(kim, Gateway.c2sPort(secondEdge())).build());
        try {
            Exception e = closedWith.get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(e).isInstanceOfSatisfying(XMPPException.StreamErrorException.class,
                    s -> assertThat(s.getStreamError().getCondition()).isEqualTo(StreamError.Condition.conflict));
            assertThat(second.isAuthenticated()).isTrue();
        } finally {
            second.disconnect();
            first.disconnect();
        }
    }

    @Test
    void aForgedFromEndsTheStreamWithInvalidFrom() throws Exception {
        String leo = TestGateway.createAccount("leo");
        XMPPTCPConnection l = Clients.login(Clients.starttls(leo, TestGateway.c2sPort()).build());
        var closedWith = Clients.closedOnError(l);
        l.setFromMode(org.jivesoftware.smack.XMPPConnection.FromMode.UNCHANGED); // Smack strips 'from' by default
        Message forged = chat("someone@a.test", "I am not leo");
        forged.setFrom(JidCreate.from("admin@a.test/console"));
        l.sendStanza(forged);
        Exception e = closedWith.get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(e).isInstanceOfSatisfying(XMPPException.StreamErrorException.class,
                s -> assertThat(s.getStreamError().getCondition()).isEqualTo(StreamError.Condition.invalid_from));
    }

    static ConfigurableApplicationContext secondEdge() {
        return TestGateway.secondEdge();
    }

    static void awaitAvailable(String user) throws InterruptedException {
        var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
        Clients.await(() -> !directory.highestPriority(user + "@a.test").isEmpty(), user + " to be available");
    }

    static Message chat(String to, String body) throws Exception {
        Message m = new Message(JidCreate.from(to), body);
        m.setType(Message.Type.chat);
        return m;
    }
}
