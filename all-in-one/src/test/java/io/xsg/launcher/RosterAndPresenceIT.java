package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rosters, subscriptions and presence (RFC 6121 §2–4) with Smack's own roster code, users spread over two edges:
 * what the session service stores must be what each client's roster shows, and presence must reach exactly the
 * subscribed.
 */
class RosterAndPresenceIT {

    @BeforeAll
    static void start() {
        TestGateway.get();
        TestGateway.secondEdge();
    }

    private static BareJid bare(String user) {
        return JidCreate.bareFromOrThrowUnchecked(user + "@" + TestGateway.DOMAIN);
    }

    private static ItemType type(Roster roster, BareJid contact) {
        RosterEntry e = roster.getEntry(contact);
        return e == null ? null : e.getType();
    }

    private static void awaitType(Roster roster, BareJid contact, ItemType expected) throws InterruptedException {
        Clients.await(() -> type(roster, contact) == expected, contact + " to be " + expected + " in the roster");
    }

    @Test
    void anAcceptedRequestSubscribesBothWaysAcrossEdgesAndPresenceFollows() throws Exception {
        String alice = TestGateway.createAccount("alice");
        String bob = TestGateway.createAccount("bob");
        XMPPTCPConnection a = Clients.login(alice, "laptop");
        XMPPTCPConnection b = Clients.loginOnSecondEdge(bob, "phone");
        try {
            Roster ra = Roster.getInstanceFor(a);
            Roster rb = Roster.getInstanceFor(b);
            rb.addSubscribeListener((from, presence) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
            ra.addSubscribeListener((from, presence) -> SubscribeAnswer.Approve);
            ra.createItemAndRequestSubscription(bare(bob), "Bob", new String[] {"friends"});

            awaitType(ra, bare(bob), ItemType.both);
            awaitType(rb, bare(alice), ItemType.both);
            assertThat(ra.getEntry(bare(bob)).getName()).isEqualTo("Bob");
            assertThat(ra.getEntry(bare(bob)).getGroups()).extracting(g -> g.getName()).containsExactly("friends");
            Clients.await(() -> ra.getPresence(bare(bob)).isAvailable(), "alice to see bob online");
            Clients.await(() -> rb.getPresence(bare(alice)).isAvailable(), "bob to see alice online");

            b.sendStanza(PresenceBuilder.buildPresence().setMode(Presence.Mode.away).setStatus("in a meeting")
                    .build());
            Clients.await(() -> "in a meeting".equals(ra.getPresence(bare(bob)).getStatus()),
                    "alice to see bob's new status");

            b.disconnect();
            Clients.await(() -> !ra.getPresence(bare(bob)).isAvailable(), "alice to see bob go offline");
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void aRefusedRequestLeavesNoSubscriptionAndNoPresence() throws Exception {
        String carol = TestGateway.createAccount("carol");
        String dave = TestGateway.createAccount("dave");
        XMPPTCPConnection c = Clients.login(carol, "laptop");
        XMPPTCPConnection d = Clients.login(dave, "laptop");
        try {
            Roster rc = Roster.getInstanceFor(c);
            Roster rd = Roster.getInstanceFor(d);
            var asked = new CompletableFuture<Presence>();
            rd.addSubscribeListener((from, presence) -> {
                asked.complete(presence);
                return SubscribeAnswer.Deny;
            });
            rc.createItemAndRequestSubscription(bare(dave), null, null);
            asked.get(15, TimeUnit.SECONDS);

            Clients.await(() -> type(rc, bare(dave)) == ItemType.none
                    && !rc.getEntry(bare(dave)).isSubscriptionPending(), "carol's request to be refused");
            assertThat(rd.getEntry(bare(carol))).as("a refused stranger does not enter dave's roster").isNull();
            TimeUnit.MILLISECONDS.sleep(300);
            assertThat(rc.getPresence(bare(dave)).isAvailable()).isFalse();
        } finally {
            c.disconnect();
            d.disconnect();
        }
    }

    @Test
    void cancellingAndRemovingEndTheSubscription() throws Exception {
        String erin = TestGateway.createAccount("erin");
        String frank = TestGateway.createAccount("frank");
        XMPPTCPConnection e = Clients.login(erin, "laptop");
        XMPPTCPConnection f = Clients.loginOnSecondEdge(frank, "laptop");
        try {
            Roster re = Roster.getInstanceFor(e);
            Roster rf = Roster.getInstanceFor(f);
            rf.addSubscribeListener((from, presence) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
            re.addSubscribeListener((from, presence) -> SubscribeAnswer.Approve);
            re.createItemAndRequestSubscription(bare(frank), null, null);
            awaitType(re, bare(frank), ItemType.both);
            awaitType(rf, bare(erin), ItemType.both);
            Clients.await(() -> rf.getPresence(bare(erin)).isAvailable(), "frank to see erin");

            // erin cancels frank's subscription to her presence: she still sees his, he no longer sees hers
            e.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.unsubscribed).to(bare(frank)).build());
            awaitType(re, bare(frank), ItemType.to);
            awaitType(rf, bare(erin), ItemType.from);
            Clients.await(() -> !rf.getPresence(bare(erin)).isAvailable(), "frank to lose erin's presence");

            // removing the contact ends what is left, on both sides
            re.removeEntry(re.getEntry(bare(frank)));
            Clients.await(() -> re.getEntry(bare(frank)) == null, "frank to leave erin's roster");
            awaitType(rf, bare(erin), ItemType.none);
        } finally {
            e.disconnect();
            f.disconnect();
        }
    }

    @Test
    void aRequestToSomeoneOfflineWaitsForTheirNextLogin() throws Exception {
        String gina = TestGateway.createAccount("gina");
        String hugo = TestGateway.createAccount("hugo");
        XMPPTCPConnection g = Clients.login(gina, "laptop");
        try {
            Roster rg = Roster.getInstanceFor(g);
            rg.createItemAndRequestSubscription(bare(hugo), null, null);
            Clients.await(() -> rg.getEntry(bare(hugo)) != null && rg.getEntry(bare(hugo)).isSubscriptionPending(),
                    "gina's request to be pending");

            var asked = new CompletableFuture<org.jxmpp.jid.Jid>();
            var config = Clients.starttls(hugo, TestGateway.c2sPort()).build();
            var h = new XMPPTCPConnection(config);
            Roster.getInstanceFor(h).addSubscribeListener((from, presence) -> {
                asked.complete(from);
                return SubscribeAnswer.Approve;
            });
            h.setReplyTimeout(Clients.TIMEOUT.toMillis());
            h.connect().login();
            try {
                BareJid requester = asked.get(15, TimeUnit.SECONDS).asBareJid();
                assertThat(requester.toString()).isEqualTo(gina + "@a.test");
                awaitType(rg, bare(hugo), ItemType.to);
                Clients.await(() -> rg.getPresence(bare(hugo)).isAvailable(), "gina to see hugo");
            } finally {
                h.disconnect();
            }
        } finally {
            g.disconnect();
        }
    }

    @Test
    void aPreApprovedContactIsSubscribedWithoutBeingAsked() throws Exception {
        String ines = TestGateway.createAccount("ines");
        String jack = TestGateway.createAccount("jack");
        XMPPTCPConnection i = Clients.login(ines, "laptop");
        XMPPTCPConnection j = Clients.login(jack, "laptop");
        try {
            Roster ri = Roster.getInstanceFor(i);
            Roster rj = Roster.getInstanceFor(j);
            assertThat(ri.isSubscriptionPreApprovalSupported()).isTrue();
            var asked = new CompletableFuture<Presence>();
            ri.addSubscribeListener((from, presence) -> {
                asked.complete(presence);
                return null;
            });
            ri.preApproveAndCreateEntry(bare(jack), "Jack", null);
            Clients.await(() -> ri.getEntry(bare(jack)) != null && ri.getEntry(bare(jack)).isApproved(),
                    "the pre-approval in ines's roster");

            rj.createItemAndRequestSubscription(bare(ines), null, null);
            awaitType(rj, bare(ines), ItemType.to);
            awaitType(ri, bare(jack), ItemType.from);
            assertThat(asked).as("ines was never asked").isNotDone();
        } finally {
            i.disconnect();
            j.disconnect();
        }
    }

    @Test
    void bareJidMessagesGoToTheHighestNonNegativePriority() throws Exception {
        String kate = TestGateway.createAccount("kate");
        String liam = TestGateway.createAccount("liam");
        XMPPTCPConnection k1 = Clients.login(kate, "desk");
        XMPPTCPConnection k2 = Clients.loginOnSecondEdge(kate, "phone");
        XMPPTCPConnection l = Clients.login(liam, "laptop");
        try {
            k1.sendStanza(PresenceBuilder.buildPresence().setPriority(1).build());
            k2.sendStanza(PresenceBuilder.buildPresence().setPriority(5).build());
            var directory = TestGateway.get().routing().getBean(io.xsg.directory.SessionDirectory.class);
            Clients.await(() -> directory.highestPriority(kate + "@a.test").size() == 1
                    && directory.highestPriority(kate + "@a.test").get(0).fullJid().endsWith("/phone"),
                    "phone to have the highest priority");
            StanzaCollector atDesk = k1.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            StanzaCollector atPhone = k2.createStanzaCollector(StanzaTypeFilter.MESSAGE);

            l.sendStanza(ClientEndpointIT.chat(kate + "@a.test", "to the phone"));
            assertThat(Clients.next(atPhone).getBody()).isEqualTo("to the phone");

            // a negative priority receives nothing addressed to the bare JID: the other resource gets it
            k2.sendStanza(PresenceBuilder.buildPresence().setPriority(-1).build());
            Clients.await(() -> directory.highestPriority(kate + "@a.test").size() == 1
                    && directory.highestPriority(kate + "@a.test").get(0).fullJid().endsWith("/desk"),
                    "desk to be the only candidate");
            l.sendStanza(ClientEndpointIT.chat(kate + "@a.test", "to the desk"));
            Message atDeskNow = Clients.next(atDesk);
            assertThat(atDeskNow.getBody()).isEqualTo("to the desk");
            Message stray = atPhone.nextResult(300);
            assertThat(stray).isNull();
        } finally {
            k1.disconnect();
            k2.disconnect();
            l.disconnect();
        }
    }

    /**
     * A session's first roster get is answered from the session service's read of the stored roster (no Kafka
     * round trip while the client waits at login), with its version, and empty when the client's version is current.
     */
    @Test
    void theFirstRosterGetIsAnsweredFromTheStoredRoster() throws Exception {
        String mia = TestGateway.createAccount("mia");
        String noah = TestGateway.createAccount("noah");
        try (RawStream first = RawStream.bound(mia, "desk")) {
            assertThat(first.send("<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='" + noah
                    + "@a.test' name='Noah &amp; co'/></query></iq>").readUntil("type='result' id='s1'"))
                    .contains("type='result' id='s1'");
        }
        var meters = TestGateway.edge().getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double directBefore = meters.get("xmpp.roster.first.gets").tag("path", "direct").counter().count();
        String version;
        try (RawStream second = RawStream.bound(mia, "laptop")) {
            String result = second.send("<iq type='get' id='g1'><query xmlns='jabber:iq:roster'/></iq>")
                    .readFrom("id='g1'", "</iq>");
            assertThat(result).startsWith("id='g1' to='" + mia + "@a.test/laptop'")
                    .contains("jid='" + noah + "@a.test'").contains("name='Noah &amp; co'")
                    .contains("subscription='none'");
            version = result.replaceAll("(?s).*ver='(\\d+)'.*", "$1");
            assertThat(version).containsOnlyDigits();
        }
        assertThat(meters.get("xmpp.roster.first.gets").tag("path", "direct").counter().count())
                .isEqualTo(directBefore + 1);
        try (RawStream third = RawStream.bound(mia, "phone")) {
            assertThat(third.send("<iq type='get' id='g2'><query xmlns='jabber:iq:roster' ver='" + version
                    + "'/></iq>").readUntil("id='g2'")).contains("<iq type='result' id='g2' to='" + mia
                    + "@a.test/phone'/>");
        }
    }

    /**
     * Every session takes roster pushes from binding (its roster is read then), but its edge withholds them until the
     * client asks for the roster (RFC 6121 §2.1.6); the first get then has the change, and no push follows it.
     */
    @Test
    void aSessionThatHasNotAskedForItsRosterGetsNoPushButItsFirstGetHasTheChange() throws Exception {
        String rita = TestGateway.createAccount("rita");
        String sam = TestGateway.createAccount("sam");
        try (RawStream idle = RawStream.bound(rita, "idle"); RawStream desk = RawStream.bound(rita, "desk")) {
            desk.send("<iq type='get' id='g0'><query xmlns='jabber:iq:roster'/></iq>").readUntil("id='g0'");
            String pushed = desk.clear().send("<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='"
                    + sam + "@a.test'/></query></iq>").readFrom("type='set'", "</iq>");
            assertThat(pushed).as("the interested resource gets the push").contains("jid='" + sam + "@a.test'");
            // a round trip through routing: the push, sent to both sessions' edge with the desk's, would be here
            String before = idle.send("<iq type='get' id='p1' to='a.test'><ping xmlns='urn:xmpp:ping'/></iq>")
                    .readUntil("id='p1'");
            assertThat(before).as("RFC 6121 §2.1.6: no push before it asked").doesNotContain("jabber:iq:roster");
            String roster = idle.clear().send("<iq type='get' id='g1'><query xmlns='jabber:iq:roster'/></iq>")
                    .readFrom("type='result' id='g1'", "</iq>");
            assertThat(roster).contains("jid='" + sam + "@a.test'");
            assertThat(idle.text()).as("and no push after it either: its get had the change")
                    .doesNotContain("type='set'");
        }
    }

    /**
     * A roster get sent right behind the session's own roster set sees that set: once a session has sent a stanza
     * the session service handles in order, its gets go the same way (through Kafka) rather than to the read.
     */
    @Test
    void aRosterGetRightAfterTheSessionsOwnSetSeesIt() throws Exception {
        String olga = TestGateway.createAccount("olga");
        String pete = TestGateway.createAccount("pete");
        var meters = TestGateway.edge().getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double directBefore = meters.get("xmpp.roster.first.gets").tag("path", "direct").counter().count();
        try (RawStream s = RawStream.bound(olga, "desk")) {
            String get = s.send("<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='" + pete
                    + "@a.test'/></query></iq><iq type='get' id='g1'><query xmlns='jabber:iq:roster'/></iq>")
                    .readFrom("type='result' id='g1'", "</iq>");
            assertThat(get).contains("jid='" + pete + "@a.test'");
        }
        assertThat(meters.get("xmpp.roster.first.gets").tag("path", "direct").counter().count())
                .as("the get went behind the set, not to the read").isEqualTo(directBefore);
    }
}
