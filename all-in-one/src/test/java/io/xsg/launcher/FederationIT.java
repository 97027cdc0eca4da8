package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.xmpp.s2s.DialbackKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Two operators federating on one machine: the shared test gateway ({@code a.test}) and a second whole gateway
 * ({@code b.test}, its own Kafka, schema and edges), each reaching the other's s2s listener through a static host
 * override, authenticating by Server Dialback with the authoritative check over a second connection. Smack clients on
 * both sides chat, subscribe and see each other's presence; raw s2s peers show the refusals.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FederationIT {

    private static final String B_SECRET = "b.test's dialback secret, for the tests' forged peers";
    private static Gateway b;
    private static Path bData;
    private static String bSchema;

    @BeforeAll
    static void startSecondOperator() throws Exception {
        TestGateway.get();
        bData = Files.createTempDirectory("gateway-b");
        bSchema = "it_b_" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
        List<String> args = new ArrayList<>(TestGateway.common(bData, bSchema));
        // b.test's certificate is one a.test trusts (the tests' authority): b.test -> a.test uses SASL EXTERNAL,
        // a.test -> b.test (a.test's certificate is self-signed) Server Dialback
        var certificate = TestGateway.AUTHORITY.issue(TestGateway.REMOTE_DOMAIN);
        args.add("--gateway.xmpp.tls.certificate=" + certificate.certificate());
        args.add("--gateway.xmpp.tls.private-key=" + certificate.privateKey());
        args.addAll(List.of("--gateway.xmpp.domain=" + TestGateway.REMOTE_DOMAIN,
                "--gateway.xmpp.edge-id=edge-b",
                "--gateway.xmpp.c2s.direct-tls-port=-1",
                "--gateway.xmpp.s2s.port=" + TestGateway.REMOTE_S2S_PORT,
                "--gateway.xmpp.s2s.dialback-secret=" + B_SECRET,
                "--gateway.xmpp.s2s.hosts[" + TestGateway.DOMAIN + "]=127.0.0.1:" + TestGateway.s2sPort(),
                // a.test's SMS domain authenticates its own streams (handsets that are not subscribers); b.test reaches
                // it by Direct TLS (XEP-0368), as an _xmpps-server SRV record would send it
                "--gateway.xmpp.s2s.hosts[sms." + TestGateway.DOMAIN + "]=tls://127.0.0.1:"
                        + TestGateway.s2sDirectTlsPort()));
        b = Gateway.start(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopSecondOperator() {
        if (b != null) {
            b.close();
            TestGateway.dropSchema(bSchema);
        }
        TempDirs.delete(bData);
    }

    private static XMPPTCPConnection loginOnB(String user) throws Exception {
        return Clients.login(Clients.starttls(TestGateway.REMOTE_DOMAIN, user, Gateway.c2sPort(b.edge()), "desk",
                TestGateway.trustManager(b.certificate())).build());
    }

    private static BareJid jid(String user, String domain) throws Exception {
        return JidCreate.bareFrom(user + "@" + domain);
    }

    @Test
    void usersOfTwoOperatorsChatBothWays() throws Exception {
        String alice = TestGateway.createAccount("alice");
        String bob = TestGateway.createAccount(b, "bob");
        XMPPTCPConnection onA = Clients.login(alice, "laptop");
        XMPPTCPConnection onB = loginOnB(bob);
        try {
            StanzaCollector toBob = Clients.messages(onB);
            StanzaCollector toAlice = Clients.messages(onA);
            onA.sendStanza(onA.getStanzaFactory().buildMessageStanza().to(jid(bob, TestGateway.REMOTE_DOMAIN) + "/desk")
                    .ofType(Message.Type.chat).setBody("hello from a.test").build());
            Message got = Clients.next(toBob);
            assertThat(got).as("alice's message at b.test").isNotNull();
            assertThat(got.getBody()).isEqualTo("hello from a.test");
            assertThat(got.getFrom().toString()).isEqualTo(alice + "@a.test/laptop");

            onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(got.getFrom()).ofType(Message.Type.chat)
                    .setBody("hello back from b.test").build());
            Message back = Clients.next(toAlice);
            assertThat(back).as("bob's answer at a.test").isNotNull();
            assertThat(back.getBody()).isEqualTo("hello back from b.test");
            assertThat(back.getFrom().toString()).isEqualTo(bob + "@b.test/desk");

            // the other server answers a ping (XEP-0199) over the same streams
            assertThat(PingManager.getInstanceFor(onA).ping(JidCreate.domainBareFrom(TestGateway.REMOTE_DOMAIN)))
                    .isTrue();

            // each way authenticated as it could: b.test by its certificate, a.test by dialback
            assertThat(TestGateway.edge().getBean(io.xsg.edge.s2s.Federation.class)
                    .howAuthenticated(TestGateway.REMOTE_DOMAIN)).isEqualTo("SASL EXTERNAL");
            assertThat(b.edge().getBean(io.xsg.edge.s2s.Federation.class).howAuthenticated(TestGateway.DOMAIN))
                    .isEqualTo("dialback");
            var metrics = TestGateway.edge().getBean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(metrics.get("xmpp.s2s.stanzas").tag("direction", "out").counter().count()).isPositive();
            assertThat(metrics.get("xmpp.s2s.stanzas").tag("direction", "in").counter().count()).isPositive();
        } finally {
            onA.disconnect();
            onB.disconnect();
        }
    }

    /**
     * What IM does locally holds with a remote party: a message from another domain to a user who is offline waits in
     * storage; Message Carbons copy a conversation with a remote contact to the user's other device; a delivery
     * receipt (XEP-0184) comes back across.
     */
    @Test
    void offlineStorageCarbonsAndReceiptsWorkWithARemoteContact() throws Exception {
        String alice = TestGateway.createAccount("alice");
        String bob = TestGateway.createAccount(b, "bob");
        XMPPTCPConnection onB = loginOnB(bob);
        try {
            onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(jid(alice, TestGateway.DOMAIN))
                    .ofType(Message.Type.chat).setBody("while you were away").build());
            Thread.sleep(2_000); // stored: alice has no session yet
            XMPPTCPConnection laptop = Clients.login(Clients.starttls(alice, TestGateway.c2sPort())
                    .setSendPresence(false).build());
            StanzaCollector atLaptop = Clients.messages(laptop);
            laptop.sendStanza(laptop.getStanzaFactory().buildPresenceStanza().build());
            XMPPTCPConnection phone = Clients.login(alice, "phone");
            try {
                // the stored message is flushed at the laptop's initial presence
                Message stored = HandsetIT.nextWithBody(atLaptop);
                assertThat(stored.getBody()).isEqualTo("while you were away");
                assertThat(org.jivesoftware.smackx.delay.packet.DelayInformation.from(stored)).isNotNull();

                var carbons = new java.util.concurrent.LinkedBlockingQueue<String>();
                org.jivesoftware.smackx.carbons.CarbonManager manager =
                        org.jivesoftware.smackx.carbons.CarbonManager.getInstanceFor(phone);
                manager.enableCarbons();
                manager.addCarbonCopyReceivedListener((direction, carbon, wrapping) -> {
                    if (carbon.getBody() != null) { // a chat receipt is copied too (XEP-0280 §6.1)
                        carbons.add(direction + " " + carbon.getBody());
                    }
                });
                StanzaCollector atBob = Clients.messages(onB);
                var withReceipt = laptop.getStanzaFactory().buildMessageStanza()
                        .to(jid(bob, TestGateway.REMOTE_DOMAIN)).ofType(Message.Type.chat).setBody("lunch?")
                        .addExtension(new org.jivesoftware.smackx.receipts.DeliveryReceiptRequest()).build();
                laptop.sendStanza(withReceipt);
                assertThat(carbons.poll(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("sent lunch?");
                Message atB = HandsetIT.nextWithBody(atBob);
                assertThat(atB.getBody()).isEqualTo("lunch?");
                onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(atB.getFrom()).ofType(Message.Type.chat)
                        .addExtension(new org.jivesoftware.smackx.receipts.DeliveryReceipt(withReceipt.getStanzaId()))
                        .build());
                // to the laptop's full JID: the phone sees it as a carbon (to the bare JID both would get it)
                onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(atB.getFrom())
                        .ofType(Message.Type.chat).setBody("yes").build());
                assertThat(carbons.poll(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("received yes");
                long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
                Message receipt = null;
                while (receipt == null && System.nanoTime() < deadline) {
                    Message m = atLaptop.nextResult(1000);
                    if (m != null && m.getExtension(org.jivesoftware.smackx.receipts.DeliveryReceipt.class) != null) {
                        receipt = m;
                    }
                }
                assertThat(receipt).as("bob's XEP-0184 receipt at the laptop").isNotNull();
                assertThat(receipt.getExtension(org.jivesoftware.smackx.receipts.DeliveryReceipt.class).getId())
                        .isEqualTo(withReceipt.getStanzaId());
            } finally {
                laptop.disconnect();
                phone.disconnect();
            }
        } finally {
            onB.disconnect();
        }
    }

    @Test
    void subscriptionsAndPresenceCrossTheFederation() throws Exception {
        String alice = TestGateway.createAccount("alice");
        String bob = TestGateway.createAccount(b, "bob");
        XMPPTCPConnection onA = Clients.login(alice, "laptop");
        XMPPTCPConnection onB = loginOnB(bob);
        try {
            BareJid aliceJid = jid(alice, TestGateway.DOMAIN);
            BareJid bobJid = jid(bob, TestGateway.REMOTE_DOMAIN);
            StanzaCollector atBob = onB.createStanzaCollector(StanzaTypeFilter.PRESENCE);
            StanzaCollector atAlice = onA.createStanzaCollector(StanzaTypeFilter.PRESENCE);
            Roster aliceRoster = Roster.getInstanceFor(onA);
            aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", null);

            Presence request = nextOfType(atBob, Presence.Type.subscribe);
            assertThat(request.getFrom().asBareJid().toString()).isEqualTo(aliceJid.toString());
            onB.sendStanza(onB.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribed)
                    .to(aliceJid).build());
            onB.sendStanza(onB.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                    .to(aliceJid).build());
            Presence back = nextOfType(atAlice, Presence.Type.subscribe);
            assertThat(back.getFrom().asBareJid().toString()).isEqualTo(bobJid.toString());
            onA.sendStanza(onA.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribed)
                    .to(bobJid).build());

            awaitSubscription(aliceRoster, bobJid, "both");
            awaitSubscription(Roster.getInstanceFor(onB), aliceJid, "both");

            // bob's status change reaches alice, and alice sees him leave
            onB.sendStanza(onB.getStanzaFactory().buildPresenceStanza().setStatus("at the desk").build());
            awaitPresence(aliceRoster, bobJid, p -> p.isAvailable() && "at the desk".equals(p.getStatus()));
            onB.disconnect();
            awaitPresence(aliceRoster, bobJid, p -> !p.isAvailable());

            // a new login of bob's is probed by a.test at alice's next login too: here bob comes back first
            XMPPTCPConnection again = loginOnB(bob);
            try {
                awaitPresence(aliceRoster, bobJid, Presence::isAvailable);
            } finally {
                again.disconnect();
            }
        } finally {
            onA.disconnect();
            onB.disconnect();
        }
    }

    @Test
    void aMessageToAnUnknownDomainComesBackAsAnError() throws Exception {
        String alice = TestGateway.createAccount("alice");
        XMPPTCPConnection onA = Clients.login(alice, "laptop");
        try {
            StanzaCollector errors = onA.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            onA.sendStanza(onA.getStanzaFactory().buildMessageStanza().to("nobody@nowhere.invalid")
                    .ofType(Message.Type.chat).setBody("anyone?").build());
            Message error = errors.nextResult(Duration.ofSeconds(60).toMillis());
            assertThat(error).as("an error for the unreachable domain").isNotNull();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isIn(StanzaError.Condition.remote_server_not_found,
                    StanzaError.Condition.remote_server_timeout);
        } finally {
            onA.disconnect();
        }
    }

    /**
     * The SMS bridge across operators: a handset of a.test writes to a user of b.test through the short code and gets
     * the answer from a virtual number; then it writes to a handset of b.test, whose reply comes back the same way, each
     * gateway texting its own subscriber.
     */
    @Test
    void handsetsReachTheOtherOperatorsUsersAndHandsets() throws Exception {
        var smscA = HandsetIT.boundSmsc(TestGateway.get());
        var smscB = HandsetIT.boundSmsc(b);
        String joe = TestGateway.createAccount("joe");
        String joePhone = TestGateway.newNumber("+1415557");
        HandsetIT.subscribe(TestGateway.get(), joe, joePhone);
        String kim = TestGateway.createAccount(b, "kim");
        String kimPhone = TestGateway.newNumber("+1415557");
        HandsetIT.subscribe(b, kim, kimPhone);
        String bob = TestGateway.createAccount(b, "bob");
        XMPPTCPConnection onB = loginOnB(bob);
        try {
            HandsetIT.text(TestGateway.get(), joePhone, "123", "LOGIN");
            HandsetIT.awaitSms(smscA, joePhone, "123", "You are online as " + joe + "@a.test");
            HandsetIT.text(b, kimPhone, "123", "LOGIN");
            HandsetIT.awaitSms(smscB, kimPhone, "123", "You are online as " + kim + "@b.test");

            StanzaCollector toBob = Clients.messages(onB);
            HandsetIT.text(TestGateway.get(), joePhone, "123", "@" + bob + "@b.test lunch at one?");
            Message fromJoe = HandsetIT.nextWithBody(toBob);
            assertThat(fromJoe.getBody()).isEqualTo("lunch at one?");
            assertThat(fromJoe.getFrom().toString()).isEqualTo(joe + "@a.test/sms");

            onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(fromJoe.getFrom()).ofType(Message.Type.chat)
                    .setBody("yes, see you").build());
            var answer = HandsetIT.awaitSms(smscA, joePhone, null, "yes, see you");
            assertThat(answer.peer()).as("bob's virtual number on joe's phone").matches("X\\d{9}");

            // handset to handset, a.test to b.test and back
            HandsetIT.text(TestGateway.get(), joePhone, "123", "@" + kim + "@b.test are you coming too?");
            var atKim = HandsetIT.awaitSms(smscB, kimPhone, null, "are you coming too?");
            assertThat(atKim.peer()).as("joe's virtual number on kim's phone").matches("X\\d{9}");
            HandsetIT.text(b, kimPhone, atKim.peer(), "on my way");
            var atJoe = HandsetIT.awaitSms(smscA, joePhone, null, "on my way");
            assertThat(atJoe.peer()).as("kim's virtual number on joe's phone").matches("X\\d{9}")
                    .isNotEqualTo(answer.peer());
        } finally {
            onB.disconnect();
        }
    }

    /**
     * One edge at a time owns a remote domain's outgoing stream, through the Kafka group: when the owner of a.test's
     * partition on b.test stops, another b.test edge takes the partition and sends on. (A stop, not a kill: in one
     * JVM the group notices at once; a killed edge's partitions move once its 10 s session times out.) Runs last: it
     * stops one of b.test's edges.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void anotherEdgeTakesOverTheStreamsOfAnEdgeThatStops() throws Exception {
        var second = b.startEdge(List.of("--gateway.xmpp.edge-id=edge-b2", "--gateway.xmpp.c2s.direct-tls-port=-1",
                "--gateway.xmpp.s2s.port=0"));
        int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                TestGateway.DOMAIN.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 4;
        var edges = List.of(b.edge(), second);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        org.springframework.context.ConfigurableApplicationContext owner = null;
        while (System.nanoTime() < deadline && (owner == null
                || edges.stream().anyMatch(e -> e.getBean(io.xsg.edge.s2s.Federation.class).outgoingPartitions()
                        .isEmpty()))) {
            owner = edges.stream().filter(e -> e.getBean(io.xsg.edge.s2s.Federation.class).outgoingPartitions()
                    .contains(partition)).findFirst().orElse(null);
            Thread.sleep(200);
        }
        assertThat(owner).as("an edge of b.test owns a.test's partition %d", partition).isNotNull();
        var survivor = owner == second ? b.edge() : second;
        String alice = TestGateway.createAccount("alice");
        String bob = TestGateway.createAccount(b, "bob");
        XMPPTCPConnection onA = Clients.login(alice, "laptop");
        XMPPTCPConnection onB = Clients.login(Clients.starttls(TestGateway.REMOTE_DOMAIN, bob,
                Gateway.c2sPort(survivor), "desk", TestGateway.trustManager(b.certificate())).build());
        try {
            StanzaCollector toAlice = Clients.messages(onA);
            onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(jid(alice, TestGateway.DOMAIN))
                    .ofType(Message.Type.chat).setBody("before").build());
            assertThat(HandsetIT.nextWithBody(toAlice).getBody()).isEqualTo("before");

            owner.close();
            var federation = survivor.getBean(io.xsg.edge.s2s.Federation.class);
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!federation.outgoingPartitions().contains(partition) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(federation.outgoingPartitions()).as("the surviving edge's partitions").contains(partition);
            onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(jid(alice, TestGateway.DOMAIN))
                    .ofType(Message.Type.chat).setBody("after").build());
            assertThat(HandsetIT.nextWithBody(toAlice).getBody()).isEqualTo("after");
        } finally {
            onA.disconnect();
            onB.disconnect();
        }
    }

    /**
     * The content provider of DESIGN.md §1 on its own server: b.test's ICP (allowed by a.test's
     * {@code gateway.sms.remote-senders}) writes to a number of a.test that is no subscriber's; the handset gets it from
     * a virtual number, and its reply comes back from {@code +E164@sms.a.test} over a stream of a.test's SMS domain.
     */
    @Test
    void aContentProviderOfAnotherOperatorTextsAHandsetAndGetsTheReply() throws Exception {
        var smscA = HandsetIT.boundSmsc(TestGateway.get());
        String phone = TestGateway.newNumber("+1415557");
        String icp = TestGateway.createAccount(b, "icp");
        XMPPTCPConnection onB = loginOnB(icp);
        try {
            StanzaCollector toIcp = Clients.messages(onB);
            onB.sendStanza(onB.getStanzaFactory().buildMessageStanza().to(phone + "@sms.a.test")
                    .ofType(Message.Type.chat).setBody("Your parcel arrives today. Reply STOP to opt out.").build());
            var sms = HandsetIT.awaitSms(smscA, phone, null, "Your parcel arrives today");
            assertThat(sms.peer()).as("the provider's virtual number").matches("X\\d{9}");

            HandsetIT.text(TestGateway.get(), phone, sms.peer(), "STOP");
            Message reply = HandsetIT.nextWithBody(toIcp);
            assertThat(reply.getBody()).isEqualTo("STOP");
            assertThat(reply.getFrom().toString()).isEqualTo(phone + "@sms.a.test");
        } finally {
            onB.disconnect();
        }
    }

    /**
     * A peer claiming b.test without its secret: a.test asks b.test's own server, which never made that key. (The
     * other refusals of a.test's s2s listener, which need no second operator, are {@link S2sStreamIT}'s.)
     */
    @Test
    void aPeerWithoutTheDomainsSecretIsRefused() throws Exception {
        try (RawStream peer = S2sStreamIT.encryptedPeer("b.test", TestGateway.sslContext())) {
            peer.clear().send("<db:result from='b.test' to='a.test'>0123456789abcdef</db:result>");
            String answer = peer.readUntil("</stream:stream>");
            assertThat(answer).contains("type='invalid'").contains("<not-authorized");
            assertThat(peer.closedByServer()).isTrue();
            assertThat(TestGateway.edge().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("xmpp.s2s.authentications").tag("method", "dialback").tag("outcome", "refused")
                    .counter().count()).isPositive();
        }
        // and with the key b.test's server did make, the same peer is let in
        try (RawStream peer = S2sStreamIT.encryptedPeer("b.test", TestGateway.sslContext())) {
            String key = new DialbackKeys(B_SECRET).key("a.test", "b.test", S2sStreamIT.streamId(peer.text()));
            peer.clear().send("<db:result from='b.test' to='a.test'>" + key + "</db:result>");
            assertThat(peer.readUntil("type='valid'")).contains("type='valid'");
        }
    }

    static Presence nextOfType(StanzaCollector collector, Presence.Type type) throws InterruptedException {
        return nextOfType(collector, type, Clients.TIMEOUT);
    }

    static Presence nextOfType(StanzaCollector collector, Presence.Type type, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Presence p = collector.nextResult(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (p != null && p.getType() == type) {
                return p;
            }
        }
        throw new AssertionError("no presence of type " + type);
    }

    static void awaitSubscription(Roster roster, BareJid contact, String subscription) throws Exception {
        long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            RosterEntry entry = roster.getEntry(contact);
            if (entry != null && entry.getType().name().equals(subscription)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(contact + " not " + subscription + " in the roster: " + roster.getEntry(contact));
    }

    private static void awaitPresence(Roster roster, BareJid contact, java.util.function.Predicate<Presence> test)
            throws Exception {
        long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (test.test(roster.getPresence(contact))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("presence of " + contact + " is " + roster.getPresence(contact));
    }
}
