package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import io.xsg.launcher.load.ProsodyProcess;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An independent peer: Debian's Prosody serving {@code p.test} federates with the gateway's {@code a.test} both ways,
 * over STARTTLS: Prosody's certificate is issued by the authority the gateway trusts, so Prosody authenticates to
 * {@code a.test} by SASL EXTERNAL; {@code a.test}'s is self-signed, so it authenticates to Prosody by Server Dialback
 * ({@code s2s_secure_auth = false}). The gateway reaches Prosody through a static host
 * override; Prosody finds {@code a.test} as any server would, here through {@code /etc/hosts} (lua-unbound's
 * {@code hoststxt}) on the standard port 5269, where an extra edge of the test gateway listens. Needs the packages
 * {@code prosody} and {@code lua-unbound} and {@code a.test} in {@code /etc/hosts}, which {@code .ci/run} sees to;
 * a machine without them skips this class.
 */
class ProsodyFederationIT {

    private static final String PASSWORD = "carol's prosody password";
    private static Path dir;
    private static ProsodyProcess prosody;
    private static Path certificate;
    private static ConfigurableApplicationContext edge;

    @BeforeAll
    static void startProsody() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prosody")), "Debian's prosody package is not installed");
        assumeTrue(Files.exists(Path.of("/usr/share/doc/lua-unbound")), "lua-unbound is not installed");
        assumeTrue(resolvesToLoopback("a.test"), "/etc/hosts does not map a.test to 127.0.0.1");
        assumeTrue(free(5269), "port 5269 is taken");
        edge = TestGateway.get().startEdge(List.of("--gateway.xmpp.edge-id=edge-s2s",
                "--gateway.xmpp.c2s.direct-tls-port=-1", "--gateway.xmpp.s2s.port=5269"));

        dir = Files.createTempDirectory("prosody-it");
        // issued by the authority the gateway trusts: Prosody authenticates to a.test by SASL EXTERNAL, while a.test
        // (self-signed) authenticates to Prosody by dialback
        var pair = TestGateway.AUTHORITY.issue(TestGateway.PROSODY_DOMAIN);
        certificate = pair.certificate();
        prosody = ProsodyProcess.start(dir, TestGateway.PROSODY_DOMAIN, "127.0.0.1", TestGateway.freePort(),
                TestGateway.PROSODY_S2S_PORT, pair.certificate(), pair.privateKey(), "debug");
        prosody.register("carol", TestGateway.PROSODY_DOMAIN, PASSWORD);
    }

    @AfterAll
    static void stopProsody() throws Exception {
        if (prosody != null) {
            prosody.close();
            // kept for a post-mortem in the build's output directory
            Path logs = Path.of("target", "prosody-it");
            Files.createDirectories(logs);
            Files.copy(dir.resolve("prosody.log"), logs.resolve("prosody.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (edge != null) {
            edge.close();
        }
        TempDirs.delete(dir);
    }

    private static boolean resolvesToLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean free(int port) {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException refused) {
            try (var server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException taken) {
                return false;
            }
        }
    }

    private static XMPPTCPConnection carol() throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(TestGateway.PROSODY_DOMAIN)
                .setHost("127.0.0.1")
                .setPort(prosody.c2sPort())
                .setUsernameAndPassword("carol", PASSWORD)
                .setResource("garden")
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(TestGateway.trustManager(certificate))
                .setConnectTimeout((int) Clients.TIMEOUT.toMillis())
                .build();
        return Clients.login(config);
    }

    @Test
    void prosodysUsersAndTheGatewaysSubscribeSeeEachOtherAndChat() throws Exception {
        String alice = TestGateway.createAccount("alice");
        XMPPTCPConnection onA = Clients.login(alice, "laptop");
        XMPPTCPConnection onP = carol();
        try {
            BareJid aliceJid = JidCreate.bareFrom(alice + "@a.test");
            BareJid carolJid = JidCreate.bareFrom("carol@" + TestGateway.PROSODY_DOMAIN);
            StanzaCollector atCarol = onP.createStanzaCollector(StanzaTypeFilter.PRESENCE);
            StanzaCollector atAlice = onA.createStanzaCollector(StanzaTypeFilter.PRESENCE);
            Roster aliceRoster = Roster.getInstanceFor(onA);
            Roster carolRoster = Roster.getInstanceFor(onP);
            carolRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);

            // a.test -> Prosody: the gateway's stream to p.test, Prosody dialing back to a.test:5269
            aliceRoster.createItemAndRequestSubscription(carolJid, "Carol", null);
            Presence request = FederationIT.nextOfType(atCarol, Presence.Type.subscribe, Duration.ofSeconds(60));
            assertThat(request.getFrom().asBareJid().toString()).isEqualTo(aliceJid.toString());
            onP.sendStanza(onP.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribed)
                    .to(aliceJid).build());
            // Prosody -> a.test: Prosody's own stream, the gateway dialing back to p.test
            onP.sendStanza(onP.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                    .to(aliceJid).build());
            Presence back = FederationIT.nextOfType(atAlice, Presence.Type.subscribe, Duration.ofSeconds(60));
            assertThat(back.getFrom().asBareJid().toString()).isEqualTo(carolJid.toString());
            onA.sendStanza(onA.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribed)
                    .to(carolJid).build());

            FederationIT.awaitSubscription(aliceRoster, carolJid, "both");
            FederationIT.awaitSubscription(carolRoster, aliceJid, "both");
            onP.sendStanza(onP.getStanzaFactory().buildPresenceStanza().setStatus("in the garden").build());
            await(() -> "in the garden".equals(aliceRoster.getPresence(carolJid).getStatus()),
                    "carol's status at alice: " + aliceRoster.getPresence(carolJid));
            await(() -> carolRoster.getPresence(aliceJid).isAvailable(),
                    "alice's presence at carol: " + carolRoster.getPresence(aliceJid));

            StanzaCollector toCarol = Clients.messages(onP);
            StanzaCollector toAlice = Clients.messages(onA);
            onA.sendStanza(onA.getStanzaFactory().buildMessageStanza().to(carolJid).ofType(Message.Type.chat)
                    .setBody("hello, Prosody").build());
            Message got = HandsetIT.nextWithBody(toCarol);
            assertThat(got.getBody()).isEqualTo("hello, Prosody");
            assertThat(got.getFrom().toString()).isEqualTo(alice + "@a.test/laptop");
            onP.sendStanza(onP.getStanzaFactory().buildMessageStanza().to(got.getFrom()).ofType(Message.Type.chat)
                    .setBody("hello, gateway").build());
            Message answer = HandsetIT.nextWithBody(toAlice);
            assertThat(answer.getBody()).isEqualTo("hello, gateway");
            assertThat(answer.getFrom().toString()).isEqualTo("carol@" + TestGateway.PROSODY_DOMAIN + "/garden");

            // pings both ways, answered by the other server
            assertThat(PingManager.getInstanceFor(onA).ping(JidCreate.domainBareFrom(TestGateway.PROSODY_DOMAIN)))
                    .isTrue();
            assertThat(PingManager.getInstanceFor(onP).ping(JidCreate.domainBareFrom("a.test"))).isTrue();

            // Prosody's stream to a.test (on the 5269 edge) by its certificate; a.test's to Prosody by dialback
            assertThat(edge.getBean(io.xsg.edge.s2s.Federation.class).howAuthenticated(TestGateway.PROSODY_DOMAIN))
                    .isEqualTo("SASL EXTERNAL");
            assertThat(Files.readString(dir.resolve("prosody.log"))).contains("Received[s2sin_unauthed]: <result");
        } finally {
            onA.disconnect();
            onP.disconnect();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String failure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(failure);
    }
}
