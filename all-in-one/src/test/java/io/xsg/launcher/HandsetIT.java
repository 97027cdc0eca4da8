package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A handset-only subscriber and an XMPP user, end to end: Smack on c2s, the embedded SMSC simulator's handset (its
 * REST API is what its web page uses), the real Kafka and PostgreSQL between. The handset logs in by SMS and becomes
 * {@code joe@a.test/sms}; the user sees it come and go, chats with it both ways through its virtual number, and hears
 * by XEP-0184 when the SMS reached the phone.
 */
class HandsetIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aUserAndAHandsetChatBothWaysAndTheUserSeesItsPresence() throws Exception {
        Gateway gateway = TestGateway.get();
        SmscSimulator smsc = boundSmsc(gateway);
        String joe = TestGateway.createAccount("joe");
        String alice = TestGateway.createAccount("alice");
        String phone = TestGateway.newNumber("+1415557");
        subscribe(gateway, joe, phone);

        XMPPTCPConnection c = Clients.login(alice, "desk");
        try {
            Roster roster = Roster.getInstanceFor(c);
            roster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            String joeJid = joe + "@a.test";

            text(gateway, phone, "123", "LOGIN");
            awaitSms(smsc, phone, "123", "You are online as " + joeJid);

            // alice asks to see joe; the phone hears of it and accepts by SMS
            roster.createItemAndRequestSubscription(JidCreate.entityBareFrom(joeJid), "Joe", null);
            awaitSms(smsc, phone, "123", alice + "@a.test wants to add you");
            text(gateway, phone, "123", "ADD " + alice + "@a.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Presence p = roster.getPresenceResource(JidCreate.fullFrom(joeJid + "/sms"));
                return p != null && p.isAvailable();
            });

            // alice → joe's bare JID: the phone is his only resource, so it becomes an SMS from her number
            StanzaCollector fromJoe = c.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    FromMatchesFilter.createBare(JidCreate.from(joeJid))));
            Message hello = ClientEndpointIT.chat(joeJid, "Hi Joe, lunch at one?");
            DeliveryReceiptRequest.addTo(hello);
            c.sendStanza(hello);
            HandsetMessage sms = awaitSms(smsc, phone, null, "Hi Joe, lunch at one?");
            assertThat(sms.peer()).as("alice's virtual number for this phone").matches("X\\d{9}");
            Message receipt = nextWith(fromJoe, DeliveryReceipt.class);
            assertThat(receipt.getExtension(DeliveryReceipt.class).getId()).isEqualTo(hello.getStanzaId());

            // the simulator's handset page names the party behind the number, as the gateway knows it
            String base = "http://127.0.0.1:" + gateway.smsc().getEnvironment().getProperty("local.server.port");
            HttpResponse<String> numbers = http.send(HttpRequest.newBuilder(URI.create(base + "/api/handsets/"
                    + phone.replace("+", "%2B") + "/virtual-numbers")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(numbers.body()).contains("\"number\":\"" + sms.peer() + "\"")
                    .contains("\"jid\":\"" + alice + "@a.test\"");

            // the phone replies to that number: a chat from joe's pseudo client
            text(gateway, phone, sms.peer(), "Yes, see you there");
            Message reply = nextWithBody(fromJoe);
            assertThat(reply.getBody()).isEqualTo("Yes, see you there");
            assertThat(reply.getFrom().toString()).isEqualTo(joeJid + "/sms");

            // LOGOUT: alice sees him go
            text(gateway, phone, "123", "logout");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !roster.getPresence(JidCreate.entityBareFrom(joeJid)).isAvailable());
        } finally {
            c.disconnect();
        }
    }

    /**
     * RFC 6121 priority decides between Joe's PC and his phone; a message that finds neither waits in offline storage
     * and is texted when the phone logs in.
     */
    @Test
    void priorityChoosesBetweenPcAndPhoneAndStoredMessagesAreTextedAtLogin() throws Exception {
        Gateway gateway = TestGateway.get();
        SmscSimulator smsc = boundSmsc(gateway);
        String joe = TestGateway.createAccount("joe");
        String alice = TestGateway.createAccount("alice");
        String phone = TestGateway.newNumber("+1415557");
        subscribe(gateway, joe, phone);
        String joeJid = joe + "@a.test";
        XMPPTCPConnection a = Clients.login(alice, "desk");
        try {
            a.sendStanza(ClientEndpointIT.chat(joeJid, "while you were away"));
            Thread.sleep(1_000); // stored: joe has no resource yet
            text(gateway, phone, "123", "LOGIN");
            awaitSms(smsc, phone, null, "while you were away");

            // without Stream Management: a PC that closes its stream before acknowledging "for the PC" would
            // otherwise have it sent on to the phone, as XEP-0198 has a server do with what a client never
            // acknowledged (a flake of this test until the stream was made one the client acknowledges nothing on)
            var pcConnection = new XMPPTCPConnection(Clients.starttls(joe, TestGateway.c2sPort())
                    .setResource("pc").build());
            pcConnection.setUseStreamManagement(false);
            XMPPTCPConnection pc = Clients.login(pcConnection);
            try {
                StanzaCollector atPc = Clients.messages(pc);
                Presence higher = new Presence(Presence.Type.available);
                higher.setPriority(5);
                pc.sendStanza(higher);
                // routing decides by its copy of the directory, which follows the edge's update asynchronously: a
                // message sent before that copy has the PC's priority goes to both resources (same priority 0)
                await().atMost(Duration.ofSeconds(20)).until(() -> routedTo(gateway, joeJid)
                        .equals(List.of(joeJid + "/pc")));
                a.sendStanza(ClientEndpointIT.chat(joeJid, "for the PC"));
                Message atDesk = nextWithBody(atPc);
                assertThat(atDesk.getBody()).isEqualTo("for the PC");
            } finally {
                pc.disconnect();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> routedTo(gateway, joeJid)
                    .equals(List.of(joeJid + "/sms")));
            a.sendStanza(ClientEndpointIT.chat(joeJid, "for the phone"));
            awaitSms(smsc, phone, null, "for the phone");
            assertThat(smsc.handsets().messages(phone)).extracting(HandsetMessage::text)
                    .doesNotContain("for the PC");
        } finally {
            a.disconnect();
        }
    }

    /** Where routing would send a message to this bare JID now: its directory copy's highest-priority resources. */
    private static List<String> routedTo(Gateway gateway, String bareJid) {
        return gateway.routing().getBean(io.xsg.directory.SessionDirectory.class).highestPriority(bareJid).stream()
                .map(io.xsg.events.v1.SessionEntry::fullJid).sorted().toList();
    }

    /** Removing a subscriber whose phone is logged in ends its pseudo client too. */
    @Test
    void aRemovedSubscribersPseudoClientGoes() throws Exception {
        Gateway gateway = TestGateway.get();
        SmscSimulator smsc = boundSmsc(gateway);
        String joe = TestGateway.createAccount("joe");
        String phone = TestGateway.newNumber("+1415557");
        subscribe(gateway, joe, phone);
        text(gateway, phone, "123", "LOGIN");
        String overview = gateway.sessionServiceUrl() + "/admin/console/overview";
        await().atMost(Duration.ofSeconds(20)).until(() -> get(overview).contains(joe + "@a.test/sms"));
        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(URI.create(gateway.sessionServiceUrl()
                + "/admin/subscribers/" + joe)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> !get(overview).contains(joe + "@a.test/sms"));
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aStrangerAndAnUnknownCommandGetAClearAnswer() throws Exception {
        Gateway gateway = TestGateway.get();
        SmscSimulator smsc = boundSmsc(gateway);
        String stranger = TestGateway.newNumber("+1415558");
        text(gateway, stranger, "123", "LOGIN");
        awaitSms(smsc, stranger, "123", "This number is not registered for chat on a.test");
        text(gateway, stranger, "X000000042", "hello?");
        awaitSms(smsc, stranger, "123", "X000000042 stands for nobody");
    }

    private static Message nextWith(StanzaCollector collector, Class<?> extension) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline; ) {
            Message m = collector.nextResult(1000);
            if (m != null && m.getExtension(DeliveryReceipt.ELEMENT, DeliveryReceipt.NAMESPACE) != null) {
                return m;
            }
        }
        throw new AssertionError("no " + extension.getSimpleName());
    }

    static Message nextWithBody(StanzaCollector collector) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline; ) {
            Message m = collector.nextResult(1000);
            if (m != null && m.getBody() != null) {
                return m;
            }
        }
        throw new AssertionError("no message with a body");
    }

    /** The newest MT on the handset from {@code peer} (any, if null) whose text starts with {@code start}. */
    static HandsetMessage awaitSms(SmscSimulator smsc, String phone, String peer, String start) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(smsc.handsets().messages(phone), peer, start),
                Optional::isPresent).orElseThrow();
    }

    private static Optional<HandsetMessage> find(List<HandsetMessage> messages, String peer, String start) {
        return messages.stream().filter(m -> m.direction() == Direction.MT)
                .filter(m -> peer == null || m.peer().equals(peer)).filter(m -> m.text().startsWith(start))
                .reduce((a, b) -> b);
    }

    static SmscSimulator boundSmsc(Gateway gateway) throws InterruptedException {
        SmscSimulator smsc = gateway.smsc().getBean(SmscSimulator.class);
        assertThat(smsc.awaitBound(1, Duration.ofSeconds(20))).isTrue();
        return smsc;
    }

    /** Makes the account a handset subscriber, as an operator would. */
    static void subscribe(Gateway gateway, String username, String phone) throws Exception {
        post(gateway.sessionServiceUrl() + "/admin/subscribers",
                "{\"username\":\"" + username + "\",\"msisdn\":\"" + phone + "\"}", 201);
    }

    static void text(Gateway gateway, String from, String to, String body) throws Exception {
        String base = "http://127.0.0.1:" + gateway.smsc().getEnvironment().getProperty("local.server.port");
        post(base + "/api/mo", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"text\":\"" + body + "\"}", 202);
    }

    private static void post(String url, String json, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    }
}
