package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import io.xsg.sms.segment.Sar;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitIT {

    @Test
    void answersWithUniqueIncreasingDecimalIdsAndJournalsEveryField() throws Exception {
        try (SmscSimulator sim = started(SimulatorSettings.builder().build()); TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSm first = TestEsme.submitSm("+15550000001", "+447700900001", "hello".getBytes(StandardCharsets.ISO_8859_1), 0);
            first.setDataCoding((byte) 0x08);
            first.setValidityPeriod("000001000000000R");
            first.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, new byte[] {0x01, 0x02}));
            first.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {2}));
            first.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {1}));
            SubmitSmResp r1 = esme.submit(first);
            SubmitSmResp r2 = esme.submit("+447700900002", "again", 1);

            assertThat(r1.getCommandStatus()).isZero();
            assertThat(r1.getMessageId()).matches("[0-9]+");
            assertThat(Long.parseLong(r2.getMessageId())).isGreaterThan(Long.parseLong(r1.getMessageId()));

            List<SubmittedPdu> journal = sim.submitted();
            assertThat(journal).hasSize(2);
            SubmittedPdu p = journal.get(0);
            assertThat(p.messageId()).isEqualTo(r1.getMessageId());
            assertThat(p.systemId()).isEqualTo("gateway");
            assertThat(p.sequenceNumber()).isEqualTo(first.getSequenceNumber());
            assertThat(p.source()).isEqualTo(new SimAddress("15550000001", 1, 1));
            assertThat(p.destination().msisdn()).isEqualTo("+447700900001");
            assertThat(p.dataCoding()).isEqualTo(8);
            assertThat(p.validityPeriod()).isEqualTo("000001000000000R");
            assertThat(p.shortMessage()).isEqualTo("hello".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(p.sar()).contains(new Sar(0x0102, 2, 1));
            assertThat(p.hasMessagePayload()).isFalse();
            assertThat(journal.get(1).registeredDelivery()).isEqualTo(1);
            assertThat(sim.lastSubmitted(1)).containsExactly(journal.get(1));
        }
    }

    @Test
    void hexIdsInTheResponseAndTlvButDecimalInTheReceiptText() throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder().responseIdFormat(ResponseIdFormat.HEX)
                .receiptDelay(Duration.ofMillis(50)).build();
        try (SmscSimulator sim = started(settings); TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSmResp resp = esme.submit("+447700900001", "hex please", 1);
            assertThat(resp.getMessageId()).matches("[0-9A-F]+").containsPattern("[A-F]");

            Receipt receipt = Receipt.of(esme.nextDeliver(Duration.ofSeconds(2)));
            assertThat(receipt.receiptedMessageId()).isEqualTo(resp.getMessageId());
            assertThat(receipt.text()).contains("id:" + Long.parseLong(resp.getMessageId(), 16));
        }
    }

    @Test
    void messagePayloadIsJournalled() throws Exception {
        try (SmscSimulator sim = started(SimulatorSettings.builder().build()); TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSm submit = TestEsme.submitSm("+15550000001", "+447700900001", new byte[0], 0);
            byte[] payload = "a payload longer than a short message could ever be, or so we say".getBytes(StandardCharsets.ISO_8859_1);
            submit.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, payload));
            assertThat(esme.submit(submit).getCommandStatus()).isZero();
            SubmittedPdu p = sim.submitted().get(0);
            assertThat(p.messagePayload()).isEqualTo(payload);
            assertThat(p.userDataBytes()).isEqualTo(payload);
        }
    }

    @Test
    void refusesAnUnreadableValidityPeriod() throws Exception {
        try (SmscSimulator sim = started(SimulatorSettings.builder().build()); TestEsme esme = TestEsme.bind(sim.port())) {
            SubmitSm submit = TestEsme.submitSm("+15550000001", "+447700900001", "x".getBytes(StandardCharsets.ISO_8859_1), 0);
            submit.setValidityPeriod("not a time at all");
            assertThat(esme.submit(submit).getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVEXPIRY);
            assertThat(sim.submitted()).isEmpty();
        }
    }

    static SmscSimulator started(SimulatorSettings settings) {
        SmscSimulator sim = new SmscSimulator(settings);
        sim.start();
        return sim;
    }
}
