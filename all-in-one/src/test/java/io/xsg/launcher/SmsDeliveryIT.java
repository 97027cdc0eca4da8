package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.SubmittedPdu;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.amp.AMPExpireAtCondition;
import org.jivesoftware.smackx.amp.packet.AMPExtension;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Delivery to handsets as a content provider sees it, against the simulator's receipts (100 ms plus up to 200 ms at
 * random; {@code +1415556…} never gets a final one, {@code +1415559…} is undeliverable): one SMS at a time per handset
 * in order, the handset's reply through the provider's virtual number, an expiry that is kept, a real failure
 * reported, and one receipt for a long message.
 */
class SmsDeliveryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String provider;

    @BeforeAll
    static void provider() throws Exception {
        Gateway gateway = TestGateway.get();
        assertThat(gateway.smsc().getBean(SmscSimulator.class).awaitBound(1, Duration.ofSeconds(20))).isTrue();
        provider = TestGateway.createAccount("icp");
        HttpResponse<String> enabled = HTTP.send(HttpRequest.newBuilder(URI.create(
                        gateway.sessionServiceUrl() + "/admin/accounts/" + provider + "/sms-sender"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    }

    private static SmscSimulator smsc() {
        return TestGateway.get().smsc().getBean(SmscSimulator.class);
    }

    private static StanzaCollector messagesFrom(XMPPTCPConnection c, String jid) throws Exception {
        return c.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createBare(JidCreate.from(jid))));
    }

    @Test
    void twentyMessagesReachTheHandsetInOrderEachAfterThePreviousReceipt() throws Exception {
        String handset = TestGateway.newNumber("+1415557");
        XMPPTCPConnection c = Clients.login(provider, "app");
        try {
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                sent.add("message " + i + " of 20");
                c.sendStanza(ClientEndpointIT.chat(handset + "@sms.a.test", sent.get(i - 1)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> mts(handset).size() == 20);
            assertThat(mts(handset)).extracting(HandsetMessage::text).containsExactlyElementsOf(sent);
            List<SubmittedPdu> submits = smsc().submitted().stream()
                    .filter(p -> p.destination().msisdn().equals(handset)).toList();
            assertThat(submits).hasSize(20);
            for (int i = 1; i < submits.size(); i++) {
                // the next submit waits for the previous one's receipt, which the simulator sends 100 ms at least
                // after the submit: closer submits would mean the window was not kept
                assertThat(Duration.between(submits.get(i - 1).arrivedAt(), submits.get(i).arrivedAt()))
                        .as("gap before submit %d", i + 1).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            }
            assertThat(submits).allSatisfy(p -> assertThat(p.registeredDelivery() & 0x01).isEqualTo(1));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theHandsetRepliesToTheProvidersNumberAndTheProviderGetsIt() throws Exception {
        String handset = TestGateway.newNumber("+1415557");
        XMPPTCPConnection c = Clients.login(provider, "app");
        try {
            StanzaCollector fromHandset = messagesFrom(c, handset + "@sms.a.test");
            c.sendStanza(ClientEndpointIT.chat(handset + "@sms.a.test", "Reply YES to confirm"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !mts(handset).isEmpty());
            String virtualNumber = mts(handset).get(0).peer();
            assertThat(virtualNumber).matches("X\\d{9}");
            smsc().injectMo(handset, virtualNumber, "YES").get(10, java.util.concurrent.TimeUnit.SECONDS);
            Message reply = withBody(fromHandset);
            assertThat(reply.getBody()).isEqualTo("YES");
            assertThat(reply.getFrom().toString()).isEqualTo(handset + "@sms.a.test");
            assertThat(reply.getTo().asBareJid().toString()).isEqualTo(provider + "@a.test");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void anSmsThatCannotArriveInTimeIsNotSentLateAndItsSenderIsTold() throws Exception {
        String handset = TestGateway.newNumber("+1415556"); // no final receipt: the first SMS holds the window for 3 s
        XMPPTCPConnection c = Clients.login(provider, "app");
        try {
            StanzaCollector fromHandset = messagesFrom(c, handset + "@sms.a.test");
            c.sendStanza(ClientEndpointIT.chat(handset + "@sms.a.test", "first, never confirmed"));
            await().atMost(Duration.ofSeconds(30)).until(() -> mts(handset).size() == 1);
            Message soon = ClientEndpointIT.chat(handset + "@sms.a.test", "only worth it for a second");
            var amp = new AMPExtension();
            amp.addRule(new AMPExtension.Rule(AMPExtension.Action.error,
                    new AMPExpireAtCondition(new Date(System.currentTimeMillis() + 1_000))));
            soon.addExtension(amp);
            c.sendStanza(soon);

            Message error = fromHandset.nextResult(Duration.ofSeconds(20).toMillis());
            assertThat(error).as("an error for the expired SMS").isNotNull();
            assertThat(error.getStanzaId()).isEqualTo(soon.getStanzaId());
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_timeout);
            Thread.sleep(4_000); // past the receipt timeout: the window is free, and the expired SMS still not sent
            assertThat(mts(handset)).extracting(HandsetMessage::text).containsExactly("first, never confirmed");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void anUndeliverableNumberComesBackAsAnError() throws Exception {
        String handset = TestGateway.newNumber("+1415559");
        XMPPTCPConnection c = Clients.login(provider, "app");
        try {
            StanzaCollector fromHandset = messagesFrom(c, handset + "@sms.a.test");
            Message text = ClientEndpointIT.chat(handset + "@sms.a.test", "are you there?");
            DeliveryReceiptRequest.addTo(text);
            c.sendStanza(text);
            Message error = fromHandset.nextResult(Duration.ofSeconds(30).toMillis());
            assertThat(error).isNotNull();
            assertThat(error.getExtension(DeliveryReceipt.class)).as("no receipt for an undelivered SMS").isNull();
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
            assertThat(error.getError().getDescriptiveText()).contains("UNDELIV");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void aLongUcs2MessageTravelsInSegmentsAndYieldsOneReceipt() throws Exception {
        String handset = TestGateway.newNumber("+1415557");
        String text = "Привет! ".repeat(30).strip(); // 239 UCS-2 characters: four segments
        XMPPTCPConnection c = Clients.login(provider, "app");
        try {
            StanzaCollector fromHandset = messagesFrom(c, handset + "@sms.a.test");
            Message message = ClientEndpointIT.chat(handset + "@sms.a.test", text);
            DeliveryReceiptRequest.addTo(message);
            c.sendStanza(message);
            Message receipt = fromHandset.nextResult(Duration.ofSeconds(30).toMillis());
            assertThat(receipt).isNotNull();
            assertThat(receipt.getExtension(DeliveryReceipt.class).getId()).isEqualTo(message.getStanzaId());
            assertThat(mts(handset)).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo(text);
                assertThat(m.parts()).isEqualTo(4);
            });
            Message second = fromHandset.nextResult(2_000);
            assertThat(second).as("one receipt, not one per segment").isNull();
        } finally {
            c.disconnect();
        }
    }

    private static List<HandsetMessage> mts(String handset) {
        return smsc().handsets().messages(handset).stream().filter(m -> m.direction() == Direction.MT).toList();
    }

    private static Message withBody(StanzaCollector collector) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline; ) {
            Message m = collector.nextResult(1000);
            if (m != null && m.getBody() != null) {
                return m;
            }
        }
        throw new AssertionError("no message with a body");
    }
}
