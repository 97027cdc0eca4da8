package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.xsg.sms.receipt.ReceiptState;
import io.xsg.smsc.handset.HandsetMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptIT {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private static SimulatorSettings.Builder rules() {
        return SimulatorSettings.builder()
                .receiptDelay(Duration.ofMillis(100))
                .receiptRule(new ReceiptRule("+4477009001", ReceiptState.UNDELIVERABLE, "001"))
                .receiptRule(new ReceiptRule("4477009002", ReceiptState.REJECTED, "002"))
                .receiptRule(new ReceiptRule("+44770090", ReceiptState.DELIVERED, "000"));
    }

    @Test
    void outcomeFollowsTheFirstMatchingPrefixWithTlvsAndText() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(rules().build()); TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSmResp delivered = esme.submit("+447700900300", "to a happy handset", 1);
            SubmitSmResp undeliverable = esme.submit("+447700900100", "to a dead handset", 1);
            SubmitSmResp rejected = esme.submit("+447700900200", "to a barred handset", 1);

            Map<String, Receipt> byId = new HashMap<>();
            for (var pdu : esme.deliveries(3, WAIT)) {
                Receipt r = Receipt.of(pdu);
                byId.put(r.receiptedMessageId(), r);
            }
            Receipt r1 = byId.get(delivered.getMessageId());
            assertThat(byId).hasSize(3);
            assertThat(r1.esmClass()).isEqualTo(0x04);
            assertThat(r1.from()).isEqualTo("447700900300");
            assertThat(r1.to()).isEqualTo("15550000001");
            assertThat(r1.messageState()).isEqualTo(ReceiptState.DELIVERED.messageState());
            assertThat(r1.text()).contains("id:" + delivered.getMessageId(), "stat:DELIVRD", "dlvrd:001", "err:000");
            assertThat(r1.networkErrorCode()).isNull();

            Receipt r2 = byId.get(undeliverable.getMessageId());
            assertThat(r2.messageState()).isEqualTo(ReceiptState.UNDELIVERABLE.messageState());
            assertThat(r2.text()).contains("stat:UNDELIV", "err:001", "dlvrd:000");
            assertThat(r2.networkErrorCode()).containsExactly(3, 0, 1);

            Receipt r3 = byId.get(rejected.getMessageId());
            assertThat(r3.messageState()).isEqualTo(ReceiptState.REJECTED.messageState());
            assertThat(r3.text()).contains("stat:REJECTD", "err:002");

            assertThat(sim.handsets().messages("+447700900100")).extracting(HandsetMessage::status)
                    .containsExactly("UNDELIV");
        }
    }

    @Test
    void textOnlyReceiptsCarryNoTlvs() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(rules().receiptTlvs(false).build());
                TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSmResp resp = esme.submit("+447700900300", "plain", 1);
            Receipt receipt = Receipt.of(esme.nextDeliver(WAIT));
            assertThat(receipt.receiptedMessageId()).isNull();
            assertThat(receipt.messageState()).isNull();
            assertThat(receipt.text()).startsWith("id:" + resp.getMessageId()).contains("stat:DELIVRD");
        }
    }

    @Test
    void validityEndingBeforeTheReceiptMakesItExpired() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(rules().receiptDelay(Duration.ofSeconds(5)).build());
                TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSm submit = TestEsme.submitSm("+15550000001", "+447700900300",
                    "short-lived".getBytes(StandardCharsets.ISO_8859_1), 1);
            submit.setValidityPeriod(absolute(Instant.now().plusMillis(300)));
            SubmitSmResp resp = esme.submit(submit);
            Receipt receipt = Receipt.of(esme.nextDeliver(WAIT));
            assertThat(receipt.receiptedMessageId()).isEqualTo(resp.getMessageId());
            assertThat(receipt.messageState()).isEqualTo(ReceiptState.EXPIRED.messageState());
            assertThat(receipt.text()).contains("stat:EXPIRED");
        }
    }

    @Test
    void noReceiptUnlessAskedButTheHandsetStillLearnsTheOutcome() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(rules().build()); TestEsme esme = TestEsme.bind(sim.port())) {
            esme.submit("+447700900100", "no receipt wanted", 0);
            esme.submit("+447700900300", "receipt on failure only, and it works", 2);
            assertThat(esme.nextDeliver(Duration.ofMillis(600))).isNull();
            assertThat(sim.handsets().messages("+447700900100")).extracting(HandsetMessage::status).containsExactly("UNDELIV");
            assertThat(sim.handsets().messages("+447700900300")).extracting(HandsetMessage::status).containsExactly("DELIVRD");
        }
    }

    @Test
    void receiptsRefusedByTheEsmeAreSentAgain() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(rules().redeliveryDelay(Duration.ofMillis(100)).build());
                TestEsme esme = TestEsme.bind(sim.port())) {
            esme.deliverStatus = 0x58;
            SubmitSmResp resp = esme.submit("+447700900300", "retry me", 1);
            Receipt refused = Receipt.of(esme.nextDeliver(WAIT));
            esme.deliverStatus = 0;
            Receipt again = Receipt.of(esme.nextDeliver(WAIT));
            assertThat(refused.receiptedMessageId()).isEqualTo(resp.getMessageId());
            assertThat(again.receiptedMessageId()).isEqualTo(resp.getMessageId());
        }
    }

    @Test
    void receiptsDueWhileNobodyIsBoundWaitForTheNextBind() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(rules().receiptDelay(Duration.ofMillis(200)).build())) {
            String id;
            try (TestEsme esme = TestEsme.bind(sim.port())) {
                id = esme.submit("+447700900300", "held", 1).getMessageId();
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sim.heldReceipts() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sim.heldReceipts()).isEqualTo(1);
            try (TestEsme back = TestEsme.bind(sim.port())) {
                assertThat(Receipt.of(back.nextDeliver(WAIT)).receiptedMessageId()).isEqualTo(id);
                assertThat(sim.heldReceipts()).isZero();
            }
        }
    }

    /** SMPP absolute time in UTC: YYMMDDhhmmss, tenths, quarter-hours offset 00, '+'. */
    static String absolute(Instant t) {
        String base = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC).format(t);
        return base + (t.getNano() / 100_000_000) + "00+";
    }
}
