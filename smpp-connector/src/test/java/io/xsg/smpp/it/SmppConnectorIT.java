package io.xsg.smpp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult.Outcome;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.smpp.support.ConnectorHarness;
import io.xsg.sms.receipt.ReceiptState;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.smsc.RawDeliverSm;
import io.xsg.smsc.ReceiptRule;
import io.xsg.smsc.SimulatorSettings;
import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.SubmittedPdu;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The connector against the SMSC simulator over loopback, with a real Kafka broker between it and the test: what
 * goes in as {@link SmsSubmitRequest}s must reach the simulated handsets whole and in order, and what the SMSC says
 * must come back as submit results, delivery reports and MO SMS.
 */
class SmppConnectorIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Hex ids in submit_sm_resp, receipts with TLVs; UNDELIV for one prefix. */
    private static SmscSimulator smsc;
    /** Receipts as text only, with decimal ids while submit_sm_resp ids are hex: the classic mismatch. */
    private static SmscSimulator textReceipts;
    /** Refuses more than 20 submit_sm per second per bind with ESME_RTHROTTLED. */
    private static SmscSimulator throttling;
    /** Bound by a transmitter and a receiver rather than one transceiver. */
    private static SmscSimulator paired;
    private static ConnectorHarness harness;
    private static ConfigurableApplicationContext connector;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SimulatorSettings.builder()
                .responseIdFormat(io.xsg.smsc.ResponseIdFormat.HEX)
                .receiptDelay(Duration.ofMillis(100))
                .receiptRule(new ReceiptRule("1999", ReceiptState.UNDELIVERABLE, "001"))
                .build());
        smsc.start();
        textReceipts = new SmscSimulator(SimulatorSettings.builder()
                .responseIdFormat(io.xsg.smsc.ResponseIdFormat.HEX)
                .receiptTlvs(false)
                .receiptDelay(Duration.ofMillis(100))
                .build());
        textReceipts.start();
        throttling = new SmscSimulator(SimulatorSettings.builder().throttleLimit(20)
                .receiptDelay(Duration.ofMillis(100)).build());
        throttling.start();
        paired = new SmscSimulator(SimulatorSettings.builder().receiptDelay(Duration.ofMillis(100)).build());
        paired.start();
        harness = new ConnectorHarness();
        List<String> props = new ArrayList<>();
        link(props, 0, "udh8", smsc, ConcatenationMode.UDH8, "HEX", "HEX");
        link(props, 1, "udh16", smsc, ConcatenationMode.UDH16, "HEX", "HEX");
        link(props, 2, "sar", smsc, ConcatenationMode.SAR, "HEX", "HEX");
        link(props, 3, "payload", smsc, ConcatenationMode.MESSAGE_PAYLOAD, "HEX", "HEX");
        link(props, 4, "text", textReceipts, ConcatenationMode.UDH8, "HEX", "DECIMAL");
        link(props, 5, "throttled", throttling, ConcatenationMode.UDH8, "DECIMAL", "DECIMAL");
        link(props, 6, "pair", paired, ConcatenationMode.UDH8, "DECIMAL", "DECIMAL");
        props.add("gateway.smsc.links[6].bind-mode=TRANSMITTER_RECEIVER");
        // short, so that a duplicate part wrongly opening a new set would be published within the test
        props.add("gateway.smsc.links[4].mo-reassembly-timeout=1s");
        connector = harness.startConnector(props.toArray(String[]::new));
        assertThat(smsc.awaitBound(4, Duration.ofSeconds(10))).isTrue();
        assertThat(textReceipts.awaitBound(1, Duration.ofSeconds(10))).isTrue();
        assertThat(paired.awaitBound(2, Duration.ofSeconds(10))).isTrue();
    }

    private static void link(List<String> props, int i, String id, SmscSimulator sim, ConcatenationMode mode,
                             String submitIds, String receiptIds) {
        String p = "gateway.smsc.links[" + i + "].";
        props.add(p + "id=" + id);
        props.add(p + "host=127.0.0.1");
        props.add(p + "port=" + sim.port());
        props.add(p + "system-id=gateway");
        props.add(p + "password=secret");
        props.add(p + "window=20");
        props.add(p + "tps=5000");
        props.add(p + "concatenation=" + mode);
        props.add(p + "submit-id-format=" + submitIds);
        props.add(p + "receipt-id-format=" + receiptIds);
        props.add(p + "response-timeout=1s");
        props.add(p + "enquire-link-interval=2s");
        props.add(p + "reconnect-min=100ms");
        props.add(p + "reconnect-max=500ms");
        props.add(p + "throttle-backoff=50ms");
        props.add(p + "throttle-backoff-max=500ms");
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (smsc != null) {
            smsc.stop();
        }
        if (textReceipts != null) {
            textReceipts.stop();
        }
        if (throttling != null) {
            throttling.stop();
        }
        if (paired != null) {
            paired.stop();
        }
    }

    private static SmsSubmitResult send(String link, String to, String text) {
        SmsSubmitRequest request = harness.request(link, to, text, Duration.ofMinutes(1));
        harness.submit(request);
        return harness.awaitResult(request.submitId(), WAIT);
    }

    private static String lastMtText(SmscSimulator sim, String msisdn) {
        List<HandsetMessage> messages = sim.handsets().messages(msisdn);
        assertThat(messages).as("messages of " + msisdn).isNotEmpty();
        return messages.get(messages.size() - 1).text();
    }

    /** The receipts of a result's segments (ids are unique per SMSC, so per link). */
    private static List<SmsDeliveryReport> awaitReports(SmsSubmitResult result) {
        java.util.function.Predicate<SmsDeliveryReport> mine = r -> r.linkId().equals(result.linkId())
                && result.messageIds().contains(r.messageId());
        await().atMost(WAIT).until(() -> harness.reports().stream().filter(mine).count()
                >= result.messageIds().size());
        return harness.reports().stream().filter(mine).toList();
    }

    @Test
    void gsmTextWithExtensionCharactersArrivesWholeAndItsReceiptFindsIt() {
        String text = "Price 5€ [promo] {x} ~ ^ | \\ @£$ èé";
        SmsSubmitResult result = send("udh8", "+14155550101", text);

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(result.segments()).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(lastMtText(smsc, "+14155550101")).isEqualTo(text));
        SubmittedPdu pdu = last(smsc, "14155550101");
        assertThat(pdu.dataCoding()).isZero();
        assertThat(pdu.registeredDelivery() & 1).isEqualTo(1);
        assertThat(pdu.validityPeriod()).endsWith("R");
        List<SmsDeliveryReport> reports = awaitReports(result);
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("DELIVERED");
            assertThat(r.finalState()).isTrue();
            assertThat(r.handset()).isEqualTo("+14155550101");
        });
    }

    @Test
    void ucs2WithEmojiKeepsSurrogatePairs() {
        String text = "Hello 😀 Привет 你好 👍🏽";
        SmsSubmitResult result = send("udh8", "+14155550102", text);

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        await().atMost(WAIT).untilAsserted(() -> assertThat(lastMtText(smsc, "+14155550102")).isEqualTo(text));
        assertThat(last(smsc, "14155550102").dataCoding()).isEqualTo(8);
    }

    @Test
    void longMessagesInEveryConcatenationModeArriveWholeWithAReceiptPerSegment() {
        String gsm = "The quick brown fox jumps over the lazy dog € 0123456789. ".repeat(7);
        String ucs2 = "Emoji 😀 split safely across parts. ".repeat(6);
        Map<String, Integer> expectedSegments = new LinkedHashMap<>();
        int n = 0;
        for (String link : List.of("udh8", "udh16", "sar", "payload")) {
            for (String text : List.of(gsm, ucs2)) {
                String to = "+1415555020" + n++;
                SmsSubmitResult result = send(link, to, text);
                assertThat(result.outcome()).as(link).isEqualTo(Outcome.ACCEPTED);
                if (link.equals("payload")) {
                    assertThat(result.segments()).isEqualTo(1);
                } else {
                    assertThat(result.segments()).as(link).isGreaterThan(1);
                }
                assertThat(result.messageIds()).hasSize(result.segments()).doesNotHaveDuplicates();
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(lastMtText(smsc, to)).as(link).isEqualTo(text));
                assertThat(awaitReports(result)).hasSize(result.segments());
                expectedSegments.put(link + "/" + to, result.segments());
            }
        }
        assertThat(expectedSegments).hasSize(8);
    }

    @Test
    void decimalReceiptIdsFindTheirHexSubmitIds() {
        SmsSubmitResult result = send("text", "+14155550301", "hex and decimal ids");
        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);

        List<SmsDeliveryReport> reports = awaitReports(result);

        assertThat(reports).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo("DELIVERED"));
    }

    @Test
    void theReceiptOutcomeIsReported() {
        SmsSubmitResult result = send("udh8", "+19995550100", "this handset is off");

        assertThat(awaitReports(result)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("UNDELIVERABLE");
            assertThat(r.finalState()).isTrue();
        });
    }

    @Test
    void mobileOriginatedSmsArriveReassembledWhateverTheOrderOfTheirParts() throws Exception {
        smsc.injectMo("+14155550401", "123", "LOGIN").get(10, TimeUnit.SECONDS);
        SmsMobileOriginated login = harness.await(SmsMobileOriginated.class,
                m -> m.handset().equals("+14155550401"), WAIT);
        assertThat(login.text()).isEqualTo("LOGIN");
        assertThat(login.destination()).isEqualTo("123");

        String longText = "A long reply from a handset, € included, that needs several parts to arrive. ".repeat(4);
        int i = 0;
        for (ConcatenationMode mode : List.of(ConcatenationMode.UDH8, ConcatenationMode.UDH16, ConcatenationMode.SAR)) {
            String from = "1415555041" + i++;
            smsc.injectMo("+" + from, "X000000001", longText, mode, true).get(10, TimeUnit.SECONDS);
            SmsMobileOriginated mo = harness.await(SmsMobileOriginated.class,
                    m -> m.handset().equals("+" + from), WAIT);
            assertThat(mo.text()).as(mode.name()).isEqualTo(longText);
            assertThat(mo.complete()).isTrue();
            assertThat(mo.parts()).isGreaterThan(1);
        }
    }

    @Test
    void temporaryRefusalsAreRetriedAndPermanentOnesReported() {
        smsc.failNext(2, 0x14); // ESME_RMSGQFUL
        SmsSubmitResult retried = send("udh8", "+14155550501", "queue was full");
        assertThat(retried.outcome()).isEqualTo(Outcome.ACCEPTED);

        smsc.failNext(1, 0x0B); // ESME_RINVDSTADR
        SmsSubmitResult refused = send("udh8", "+14155550502", "no such destination");
        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(refused.commandStatus()).isEqualTo(0x0B);
        assertThat(refused.detail()).contains("0x0000000B");
        assertThat(connector.getBean(MeterRegistry.class).get("smpp.throttled").tag("link", "udh8").counter()
                .count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anExpiredMessageIsDroppedNotSent() {
        var request = harness.request("udh8", "+14155550601", "too late", Duration.ofMinutes(1));
        var expired = new SmsSubmitRequest(request.submitId(), request.linkId(), request.source(),
                request.destination(), request.text(), null, true, Instant.now().minusSeconds(1),
                request.createdAt(), request.correlationId(), request.requester());
        harness.submit(expired);

        SmsSubmitResult result = harness.awaitResult(expired.submitId(), WAIT);

        assertThat(result.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(smsc.handsets().messages("+14155550601")).isEmpty();
    }

    @Test
    void aRequestSentTwiceTextsTheHandsetOnce() {
        var twice = harness.request("udh8", "+14155550602", "once only", Duration.ofMinutes(1));
        harness.submit(twice);
        harness.submit(twice);
        SmsSubmitResult after = send("udh8", "+14155550602", "the next one");
        assertThat(after.outcome()).isEqualTo(Outcome.ACCEPTED);
        // one lane per handset: the repeat was handled before "the next one" was
        assertThat(smsc.handsets().messages("+14155550602")).extracting(HandsetMessage::text)
                .containsExactly("once only", "the next one");
        // a copy taken while the first was in flight is dropped; one taken after it gets the same answer again
        List<SmsSubmitResult> answers = harness.results().stream()
                .filter(r -> r.submitId().equals(twice.submitId())).toList();
        assertThat(answers).isNotEmpty().extracting(SmsSubmitResult::messageIds)
                .containsOnly(answers.get(0).messageIds());
    }

    /**
     * A producer whose transaction rolled back after it had sent a request sends it again and has lost the first
     * answer: the copy is not texted, and its result comes again, the same, so the producer learns the SMSC's ids
     * that the receipts will name.
     */
    @Test
    void aCopyOfAFinishedRequestGetsItsResultAgain() {
        var request = harness.request("udh8", "+14155550603", "answered twice", Duration.ofMinutes(1));
        harness.submit(request);
        SmsSubmitResult first = harness.awaitResult(request.submitId(), WAIT);
        assertThat(first.outcome()).isEqualTo(Outcome.ACCEPTED);
        harness.submit(request);
        await().atMost(WAIT).until(() -> harness.results().stream()
                .filter(r -> r.submitId().equals(request.submitId())).count() == 2);
        assertThat(harness.results()).filteredOn(r -> r.submitId().equals(request.submitId()))
                .extracting(SmsSubmitResult::outcome, SmsSubmitResult::messageIds)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Outcome.ACCEPTED, first.messageIds()));
        assertThat(smsc.handsets().messages("+14155550603")).extracting(HandsetMessage::text)
                .containsExactly("answered twice");
    }

    @Test
    void anInvalidNumberIsRejectedWithAReason() {
        SmsSubmitResult result = send("udh8", "+12", "nobody");

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.detail()).isNotBlank();
    }

    @Test
    void aDroppedConnectionMidWindowLosesNothingAndKeepsEachHandsetsOrder() {
        int handsets = 10;
        int perHandset = 20;
        List<SmsSubmitRequest> requests = new ArrayList<>();
        for (int m = 0; m < perHandset; m++) {
            for (int h = 0; h < handsets; h++) {
                requests.add(harness.request("udh16", "+1415555070" + h, "h" + h + " m" + m, Duration.ofMinutes(1)));
            }
        }
        requests.subList(0, 40).forEach(harness::submit);
        await().atMost(WAIT).until(() -> countAccepted(requests) >= 10);
        smsc.dropConnections();
        requests.subList(40, requests.size()).forEach(harness::submit);

        await().atMost(Duration.ofSeconds(40)).until(() -> countAccepted(requests) == requests.size());

        for (int h = 0; h < handsets; h++) {
            List<String> seen = new ArrayList<>();
            for (HandsetMessage message : smsc.handsets().messages("+1415555070" + h)) {
                if (message.direction() == Direction.MT && !seen.contains(message.text())) {
                    seen.add(message.text()); // a resend after the drop may repeat a message, never reorder
                }
            }
            List<String> expected = new ArrayList<>();
            for (int m = 0; m < perHandset; m++) {
                expected.add("h" + h + " m" + m);
            }
            assertThat(seen).as("handset " + h).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anSmscThatNeverAnswersTimesOutAndAnObsoleteMessageIsReportedExpired() {
        smsc.setUnresponsive(true);
        try {
            var request = harness.request("udh8", "+14155550801", "into the void", Duration.ofSeconds(3));
            harness.submit(request);
            SmsSubmitResult result = harness.awaitResult(request.submitId(), WAIT);
            assertThat(result.outcome()).isEqualTo(Outcome.EXPIRED);
        } finally {
            smsc.setUnresponsive(false);
        }
        assertThat(send("udh8", "+14155550802", "back again").outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void throttlingSlowsTheLinkDownWithoutReorderingAnyHandset() {
        List<SmsSubmitRequest> requests = new ArrayList<>();
        for (int m = 0; m < 15; m++) {
            for (int h = 0; h < 4; h++) {
                requests.add(harness.request("throttled", "+1415555090" + h, "t" + h + " " + m, Duration.ofMinutes(1)));
            }
        }
        requests.forEach(harness::submit);

        await().atMost(Duration.ofSeconds(40)).until(() -> countAccepted(requests) == requests.size());

        assertThat(connector.getBean(MeterRegistry.class).get("smpp.throttled").tag("link", "throttled").counter()
                .count()).as("the SMSC did throttle").isPositive();
        for (int h = 0; h < 4; h++) {
            List<String> texts = throttling.handsets().messages("+1415555090" + h).stream()
                    .filter(m -> m.direction() == Direction.MT).map(HandsetMessage::text).toList();
            List<String> expected = new ArrayList<>();
            for (int m = 0; m < 15; m++) {
                expected.add("t" + h + " " + m);
            }
            assertThat(texts).as("handset " + h).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void unusableDeliverSmIsRefusedPermanentlyAndDuplicatePartsAreIgnored() throws Exception {
        // UDH length says 5 octets but only 4 follow
        int status = smsc.injectRawDeliverSm(RawDeliverSm.of("+14155551001", "123", 0x40, 0,
                new byte[] {5, 0, 3, 1, 2})).get(10, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(0x65); // ESME_RX_P_APPN: the SMSC neither retries nor believes it delivered

        byte[] part1 = {5, 0, 3, 42, 2, 1, 'H', 'e', 'l', 'l', 'o', ' '};
        byte[] part2 = {5, 0, 3, 42, 2, 2, 'w', 'o', 'r', 'l', 'd'};
        // one bind only on this SMSC, so every part reaches the same link, as parts of one MO do in practice
        for (byte[] part : List.of(part2, part1, part2)) {
            assertThat(textReceipts.injectRawDeliverSm(RawDeliverSm.of("+14155551002", "123", 0x40, 0, part))
                    .get(10, TimeUnit.SECONDS)).isZero();
        }
        SmsMobileOriginated mo = harness.await(SmsMobileOriginated.class,
                m -> m.handset().equals("+14155551002"), WAIT);
        assertThat(mo.text()).isEqualTo("Hello world");
        // past the link's 1 s reassembly timeout, a set wrongly opened by the duplicate would be out as a partial MO
        Thread.sleep(2_500);
        assertThat(harness.mobileOriginated().stream().filter(m -> m.handset().equals("+14155551002")))
                .as("a duplicate part after completion starts no second message").hasSize(1);
    }

    @Test
    void aRedeliveredSinglePartMoKeepsItsIdSoReadersSeeOneMessage() throws Exception {
        byte[] text = "same again".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 2; i++) { // as an SMSC re-sends after a lost deliver_sm_resp, through any of its binds
            assertThat(smsc.injectRawDeliverSm(RawDeliverSm.of("+14155551004", "123", 0, 0, text))
                    .get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(smsc.injectRawDeliverSm(RawDeliverSm.of("+14155551004", "123", 0, 0,
                "another".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(WAIT).until(() -> harness.mobileOriginated().stream()
                .filter(m -> m.handset().equals("+14155551004")).count() == 3);
        var ids = harness.mobileOriginated().stream().filter(m -> m.handset().equals("+14155551004"))
                .collect(java.util.stream.Collectors.groupingBy(SmsMobileOriginated::text,
                        java.util.stream.Collectors.mapping(SmsMobileOriginated::moId,
                                java.util.stream.Collectors.toSet())));
        assertThat(ids.get("same again")).as("one id for the redelivery").hasSize(1);
        assertThat(ids.get("another")).hasSize(1).doesNotContainAnyElementsOf(ids.get("same again"));
    }

    @Test
    void aSourceThatIsNoE164NumberIsPassedOnAsGivenNotRefused() throws Exception {
        // TON unknown: the link's default region ZZ cannot place a national number
        assertThat(smsc.injectRawDeliverSm(RawDeliverSm.of("4155551003", "123", 0, 0,
                "national".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).get(10, TimeUnit.SECONDS))
                .isZero();
        assertThat(harness.await(SmsMobileOriginated.class, m -> m.handset().equals("4155551003"), WAIT).text())
                .isEqualTo("national");

        var receiptTlvs = new LinkedHashMap<Integer, byte[]>();
        receiptTlvs.put(0x001E, "ABC123\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        receiptTlvs.put(0x0427, new byte[] {2}); // DELIVERED
        byte[] text = "id:ABC123 sub:001 dlvrd:001 submit date:2612011200 done date:2612011201 stat:DELIVRD err:000"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(smsc.injectRawDeliverSm(new RawDeliverSm("4155551004", "123", 0x04, 0, text, receiptTlvs))
                .get(10, TimeUnit.SECONDS)).isZero();
        SmsDeliveryReport report = harness.await(SmsDeliveryReport.class, r -> r.handset().equals("4155551004"), WAIT);
        assertThat(report.state()).isEqualTo("DELIVERED");
    }

    @Test
    void aTransmitterAndReceiverPairSubmitsAndReceives() throws Exception {
        assertThat(paired.boundSessions()).extracting(io.xsg.smsc.BoundSession::bindType)
                .containsExactlyInAnyOrder("TRANSMITTER", "RECEIVER");
        SmsSubmitRequest request = harness.request("pair", "+14155551101", "over the transmitter",
                Duration.ofMinutes(1));
        harness.submit(request);
        assertThat(harness.awaitResult(request.submitId(), WAIT).outcome()).isEqualTo(Outcome.ACCEPTED);
        SmsDeliveryReport receipt = harness.await(SmsDeliveryReport.class,
                r -> r.linkId().equals("pair") && r.handset().equals("+14155551101"), WAIT);
        assertThat(receipt.state()).isEqualTo("DELIVERED");

        paired.injectMo("+14155551102", "123", "over the receiver").get(10, TimeUnit.SECONDS);
        assertThat(harness.await(SmsMobileOriginated.class, m -> m.handset().equals("+14155551102"), WAIT)
                .linkId()).isEqualTo("pair");
    }

    private static long countAccepted(List<SmsSubmitRequest> requests) {
        var ids = requests.stream().map(SmsSubmitRequest::submitId).collect(java.util.stream.Collectors.toSet());
        return harness.results().stream().filter(r -> ids.contains(r.submitId()))
                .filter(r -> r.outcome() == Outcome.ACCEPTED).map(SmsSubmitResult::submitId).distinct().count();
    }

    private static SubmittedPdu last(SmscSimulator sim, String digits) {
        List<SubmittedPdu> all = sim.submitted().stream()
                .filter(p -> p.destination().address().equals(digits)).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }
}
