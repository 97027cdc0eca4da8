package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.directory.SessionDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stream Management (XEP-0198): acks, resumption of a dropped stream on the same edge with nothing lost, and what
 * happens to stanzas a dead stream never acknowledged when it is not resumed. The misbehaving clients are raw
 * streams over Direct TLS, so that they can read without acknowledging; the well-behaved one is Smack.
 */
class StreamManagementIT {

    private static final String SM = "urn:xmpp:sm:3";

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    /** Authenticates with PLAIN over Direct TLS and binds {@code resource}; returns the open stream. */
    private static RawStream rawLogin(String user) throws Exception {
        RawStream s = RawStream.directTls();
        s.send(RawStream.HEADER).readUntil("</stream:features>");
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + TestGateway.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String answer = s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>")
                .readUntil("success");
        assertThat(answer).contains("<success");
        s.clear().send(RawStream.HEADER).readUntil("</stream:features>");
        assertThat(s.text()).contains("<sm xmlns='" + SM + "'/>");
        return s;
    }

    private static void bind(RawStream s, String resource) throws Exception {
        s.clear().send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>").readUntil("</iq>");
        assertThat(s.text()).contains("type='result'");
    }

    private static String enable(RawStream s, boolean resume) throws Exception {
        String enabled = s.clear().send("<enable xmlns='" + SM + "'" + (resume ? " resume='true'" : "") + "/>")
                .readUntil("/>");
        assertThat(enabled).contains("<enabled");
        Matcher id = Pattern.compile("id='([^']+)'").matcher(enabled);
        return id.find() ? id.group(1) : null;
    }

    @Test
    void acksAreAnsweredAndRequested() throws Exception {
        String uma = TestGateway.createAccount("uma");
        String vic = TestGateway.createAccount("vic");
        try (RawStream s = rawLogin(uma)) {
            bind(s, "raw");
            enable(s, false);
            // the legacy session IQ (RFC 3921) is answered at the edge, and counts like any stanza
            s.clear().send("<presence/><iq type='set' id='s1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>"
                    + "</iq><iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq><r xmlns='" + SM + "'/>");
            s.readUntil("h='");
            assertThat(s.readUntil("id='p1'")).as("three stanzas handled when asked")
                    .contains("<a xmlns='" + SM + "' h='3'/>");

            XMPPTCPConnection v = Clients.login(vic, "laptop");
            try {
                v.sendStanza(ClientEndpointIT.chat(uma + "@a.test/raw", "ack me"));
                String got = s.readUntil("ack me");
                assertThat(got).as("the server asks for acks").contains("<r xmlns='" + SM + "'/>");
                // everything received so far (a late presence may be missing: acknowledging less is allowed)
                s.send("<a xmlns='" + SM + "' h='" + countStanzas(got) + "'/>");
                // acknowledging more than was sent is a protocol error
                s.clear().send("<a xmlns='" + SM + "' h='999'/>");
                assertThat(s.closedByServer()).isTrue();
                assertThat(s.text()).contains("undefined-condition");
            } finally {
                v.disconnect();
            }
        }
    }

    private static io.xsg.edge.session.LocalSession edgeSession(String fullJid) {
        return TestGateway.get().edge().getBean(io.xsg.edge.session.LocalSessions.class).all().stream()
                .filter(s -> s.fullJid().equals(fullJid)).findFirst().orElse(null);
    }

    /** The edge has seen the socket go and keeps the session for a resumption. */
    private static void awaitDetached(String fullJid) throws InterruptedException {
        Clients.await(() -> {
            var s = edgeSession(fullJid);
            return s != null && s.detached();
        }, fullJid + " detached at the edge");
    }

    /** The detached session keeps a stanza for its resumption. */
    private static void awaitHeld(String fullJid, String text) throws InterruptedException {
        Clients.await(() -> {
            var s = edgeSession(fullJid);
            if (s == null || !s.detached()) {
                return false;
            }
            synchronized (s) {
                return s.sm() != null && s.sm().unacknowledged().stream().anyMatch(x -> x.contains(text));
            }
        }, fullJid + " holding '" + text + "'");
    }

    /** Stanzas the server sent on a raw stream since SM was enabled: what the client's h must count. */
    private static int countStanzas(String text) {
        int n = 0;
        for (String name : new String[] {"<message", "<iq ", "<presence"}) {
            for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aDroppedStreamIsResumedWithWhatItMissed() throws Exception {
        String walt = TestGateway.createAccount("walt");
        String xena = TestGateway.createAccount("xena");
        XMPPTCPConnection x = Clients.login(xena, "laptop");
        try {
            String id;
            RawStream first = rawLogin(walt);
            bind(first, "phone");
            id = enable(first, true);
            assertThat(id).isNotNull();
            x.sendStanza(ClientEndpointIT.chat(walt + "@a.test/phone", "one"));
            x.sendStanza(ClientEndpointIT.chat(walt + "@a.test/phone", "two"));
            first.clear().readUntil(">two<");
            first.close(); // dropped without acknowledging either

            var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
            awaitDetached(walt + "@a.test/phone");
            assertThat(directory.byFullJid(walt + "@a.test/phone")).as("a detached session stays bound").isNotNull();
            x.sendStanza(ClientEndpointIT.chat(walt + "@a.test/phone", "three")); // while detached
            awaitHeld(walt + "@a.test/phone", ">three<");

            try (RawStream again = rawLogin(walt)) {
                // the client says it handled 'one': 'two' and 'three' must come again, in order
                String resumed = again.clear().send("<resume xmlns='" + SM + "' previd='" + id + "' h='1'/>")
                        .readUntil(">three<");
                assertThat(resumed).contains("<resumed xmlns='" + SM + "'").contains("previd='" + id + "'");
                assertThat(resumed.indexOf(">two<")).isPositive().isLessThan(resumed.indexOf(">three<"));
                assertThat(resumed).doesNotContain(">one<");
                // and the session carries on
                x.sendStanza(ClientEndpointIT.chat(walt + "@a.test/phone", "four"));
                assertThat(again.readUntil(">four<")).contains(">four<");
            }
        } finally {
            x.disconnect();
        }
    }

    @Test
    void aSessionThatCannotBeResumedIsRefused() throws Exception {
        String yara = TestGateway.createAccount("yara");
        try (RawStream s = rawLogin(yara)) {
            String answer = s.clear().send("<resume xmlns='" + SM + "' previd='no-such-session' h='0'/>")
                    .readUntil("</failed>");
            assertThat(answer).contains("item-not-found");
            bind(s, "after"); // the client may bind a new session instead
        }
    }

    @Test
    void whatADeadUnresumableStreamNeverAcknowledgedGoesToOfflineStorage() throws Exception {
        String zoe = TestGateway.createAccount("zoe");
        String abe = TestGateway.createAccount("abe");
        XMPPTCPConnection a = Clients.login(abe, "laptop");
        try {
            RawStream s = rawLogin(zoe);
            bind(s, "phone");
            enable(s, false);
            s.send("<presence/>");
            ClientEndpointIT.awaitAvailable(zoe);
            a.sendStanza(ClientEndpointIT.chat(zoe + "@a.test", "did you get this?"));
            s.clear().readUntil("did you get this?");
            s.close(); // never acknowledged

            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            Clients.await(() -> store.count(zoe) == 1, "the unacknowledged message in offline storage");
            assertThat(nextLoginReads(zoe, "did you get this?")).contains("did you get this?");
            Clients.await(() -> store.count(zoe) == 0, "storage emptied once delivered");
        } finally {
            a.disconnect();
        }
    }

    /** Logs in on a raw stream, becomes available and reads until {@code body} arrives (fails if it never does). */
    private static String nextLoginReads(String user, String body) throws Exception {
        try (RawStream s = rawLogin(user)) {
            bind(s, "later");
            return s.clear().send("<presence/>").readUntil(body);
        }
    }

    @Test
    void aResumptionAcknowledgingMoreThanWasSentEndsTheOldSessionAndLosesNothing() throws Exception {
        String dan = TestGateway.createAccount("dan");
        String eve = TestGateway.createAccount("eve");
        XMPPTCPConnection e = Clients.login(eve, "laptop");
        try {
            RawStream first = rawLogin(dan);
            bind(first, "phone");
            String id = enable(first, true);
            first.send("<presence/>");
            ClientEndpointIT.awaitAvailable(dan);
            e.sendStanza(ClientEndpointIT.chat(dan + "@a.test", "before the drop"));
            first.clear().readUntil("before the drop");
            first.close();

            try (RawStream again = rawLogin(dan)) {
                again.clear().send("<resume xmlns='" + SM + "' previd='" + id + "' h='999'/>");
                assertThat(again.closedByServer()).isTrue();
                assertThat(again.text()).contains("undefined-condition");
            }
            var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
            Clients.await(() -> directory.byFullJid(dan + "@a.test/phone") == null,
                    "the session the client could not resume is over");
            // what it never acknowledged, and what comes after, wait in offline storage instead of a dead session
            e.sendStanza(ClientEndpointIT.chat(dan + "@a.test", "after the drop"));
            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            Clients.await(() -> store.count(dan) == 2, "both messages in offline storage");
            String read = nextLoginReads(dan, "after the drop");
            assertThat(read.indexOf("before the drop")).isPositive().isLessThan(read.indexOf("after the drop"));
        } finally {
            e.disconnect();
        }
    }

    @Test
    void aMessageOtherResourcesAlsoGotIsNotSentAgainWhenOneStreamDies() throws Exception {
        String fay = TestGateway.createAccount("fay");
        String gus = TestGateway.createAccount("gus");
        XMPPTCPConnection laptop = Clients.login(fay, "laptop");
        XMPPTCPConnection g = Clients.login(gus, "laptop");
        try {
            StanzaCollector inbox = laptop.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            RawStream phone = rawLogin(fay);
            bind(phone, "phone");
            enable(phone, false);
            phone.send("<presence/>");
            var directory = TestGateway.get().routing().getBean(SessionDirectory.class);
            Clients.await(() -> directory.highestPriority(fay + "@a.test").size() == 2, "both resources available");
            g.sendStanza(ClientEndpointIT.chat(fay + "@a.test", "to both"));
            phone.clear().readUntil("to both");
            assertThat(Clients.next(inbox).getBody()).isEqualTo("to both");
            phone.close(); // never acknowledged: but the laptop has it

            Clients.await(() -> directory.byFullJid(fay + "@a.test/phone") == null, "the phone's session ended");
            g.sendStanza(ClientEndpointIT.chat(fay + "@a.test", "marker"));
            assertThat(Clients.next(inbox).getBody()).as("no second copy before the next message").isEqualTo("marker");
            assertThat((Object) inbox.nextResult(1_000)).as("nor after it").isNull();
            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            assertThat(store.count(fay)).isZero();
        } finally {
            laptop.disconnect();
            g.disconnect();
        }
    }

    @Test
    void anOfflineFlushToAStreamThatDiesAtOnceIsNotLost() throws Exception {
        String hal = TestGateway.createAccount("hal");
        String ivy = TestGateway.createAccount("ivy");
        XMPPTCPConnection i = Clients.login(ivy, "laptop");
        try {
            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            i.sendStanza(ClientEndpointIT.chat(hal + "@a.test", "kept for you"));
            Clients.await(() -> store.count(hal) == 1, "stored while offline");
            RawStream s = rawLogin(hal);
            bind(s, "phone");
            enable(s, false);
            s.send("<presence/>");
            s.close(); // gone before reading the flush: whether it arrived before or after the end, it is kept
            assertThat(nextLoginReads(hal, "kept for you")).contains("kept for you");
        } finally {
            i.disconnect();
        }
    }

    @Test
    void smackResumesItsOwnStreamAfterTheSocketDies() throws Exception {
        String bea = TestGateway.createAccount("bea");
        String cal = TestGateway.createAccount("cal");
        XMPPTCPConnection b = Clients.login(bea, "laptop");
        XMPPTCPConnection c = Clients.login(cal, "laptop");
        try {
            assertThat(b.isSmEnabled()).isTrue();
            assertThat(b.isSmResumptionPossible()).isTrue();
            StanzaCollector inbox = b.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            b.instantShutdown();
            awaitDetached(bea + "@a.test/laptop");
            c.sendStanza(ClientEndpointIT.chat(bea + "@a.test/laptop", "while you were away"));
            awaitHeld(bea + "@a.test/laptop", "while you were away"); // held by the detached session, not re-routed
            b.connect().login();
            assertThat(b.streamWasResumed()).isTrue();
            Message got = Clients.next(inbox);
            assertThat(got).isNotNull();
            assertThat(got.getBody()).isEqualTo("while you were away");
        } finally {
            b.disconnect();
            c.disconnect();
        }
    }
}
