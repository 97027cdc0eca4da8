package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.segment.Segment;
import io.xsg.sms.segment.SegmentationPolicy;
import io.xsg.sms.segment.Segmenter;
import io.xsg.sms.text.EncodingPolicy;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MtReassemblyIT {
    private static final String TEXT = "Grüße aus Köln! 😀 A long message in UCS-2 because of the emoji, so that it needs "
            + "several parts at 67 characters each, in every concatenation mode the connector may use.";

    @ParameterizedTest
    @EnumSource(ConcatenationMode.class)
    void segmentsFileOneCompleteMessageWhoseStatusFollowsTheReceipts(ConcatenationMode mode) throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder().receiptDelay(Duration.ofMillis(50)).build();
        try (SmscSimulator sim = SubmitIT.started(settings); TestEsme esme = TestEsme.bind(sim.port())) {
            List<Segment> segments = Segmenter.split(TEXT, new SegmentationPolicy(EncodingPolicy.AUTO, mode), 0x4242 & 0xFF);
            List<SubmitSm> pdus = new ArrayList<>();
            for (Segment s : segments) {
                pdus.add(submitSm(s));
            }
            // out of order, as a window of submits can arrive
            Collections.reverse(pdus);
            for (SubmitSm pdu : pdus) {
                assertThat(esme.submit(pdu).getCommandStatus()).isZero();
            }
            assertThat(esme.deliveries(segments.size(), Duration.ofSeconds(3))).hasSize(segments.size());

            List<HandsetMessage> thread = sim.handsets().messages("+447700900001");
            assertThat(thread).singleElement().satisfies(m -> {
                assertThat(m.direction()).isEqualTo(Direction.MT);
                assertThat(m.peer()).isEqualTo("X000000001");
                assertThat(m.text()).isEqualTo(TEXT);
                assertThat(m.parts()).isEqualTo(segments.size());
                assertThat(m.status()).isEqualTo("DELIVRD");
            });
            assertThat(sim.handsets().handsets()).singleElement()
                    .satisfies(h -> assertThat(h.lastMtFrom()).isEqualTo("X000000001"));
        }
    }

    @Test
    void anIncompleteSetIsFiledAsPartialAfterTheReassemblyTimeout() throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder().reassemblyTimeout(Duration.ofMillis(200)).build();
        try (SmscSimulator sim = SubmitIT.started(settings); TestEsme esme = TestEsme.bind(sim.port())) {
            List<Segment> segments = Segmenter.split(TEXT, new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.UDH8), 7);
            esme.submit(submitSm(segments.get(0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (sim.handsets().messages("+447700900001").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sim.handsets().messages("+447700900001")).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo("PARTIAL");
                assertThat(TEXT).startsWith(m.text());
            });
        }
    }

    private static SubmitSm submitSm(Segment s) throws Exception {
        SubmitSm pdu = TestEsme.submitSm("X000000001", "+447700900001", new byte[0], 1);
        pdu.setDataCoding(s.dataCoding());
        if (s.udhIndicator()) {
            pdu.setEsmClass(SmppConstants.ESM_CLASS_UDHI_MASK);
        }
        if (s.sar() != null) {
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM,
                    new byte[] {(byte) (s.sar().reference() >> 8), (byte) s.sar().reference()}));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {(byte) s.sar().total()}));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {(byte) s.sar().sequence()}));
        }
        if (s.messagePayload()) {
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, s.payload()));
        } else {
            pdu.setShortMessage(s.shortMessage());
        }
        return pdu;
    }
}
