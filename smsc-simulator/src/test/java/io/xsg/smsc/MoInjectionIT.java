package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.segment.InboundUserData;
import io.xsg.sms.segment.Reassembler;
import io.xsg.sms.segment.ReassembledSms;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MoInjectionIT {
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final String LONG_TEXT = "The quick brown fox jumps over the lazy dog, then does it again and again "
            + "until the message needs three parts: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
            + "eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud.";

    private SmscSimulator sim;

    @BeforeEach
    void start() {
        sim = SubmitIT.started(SimulatorSettings.builder().responseTimeout(Duration.ofMillis(500)).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void failsClearlyWhenNoSessionCanReceive() throws Exception {
        assertThatThrownBy(() -> sim.injectMo("+15550001111", "123", "hi").get(2, TimeUnit.SECONDS))
                .hasCauseInstanceOf(NoReceiverBoundException.class);
        try (TestEsme tx = TestEsme.bind(sim.port(), "gateway", "secret", SmppBindType.TRANSMITTER)) {
            assertThatThrownBy(() -> sim.injectMo("+15550001111", "123", "hi").get(2, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(NoReceiverBoundException.class);
        }
    }

    @Test
    void aSingleSmsArrivesAsOneDeliverSm() throws Exception {
        try (TestEsme esme = TestEsme.bind(sim.port(), "gateway", "secret", SmppBindType.RECEIVER)) {
            sim.injectMo("+15550001111", "123", "LOGIN").get(2, TimeUnit.SECONDS);
            DeliverSm pdu = esme.nextDeliver(WAIT);
            assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("15550001111");
            assertThat(pdu.getSourceAddress().getTon()).isEqualTo((byte) 1);
            assertThat(pdu.getDestAddress().getAddress()).isEqualTo("123");
            assertThat(pdu.getEsmClass()).isZero();
            assertThat(reassemble(List.of(pdu)).text()).isEqualTo("LOGIN");
            assertThat(sim.handsets().messages("+15550001111")).singleElement().satisfies(m -> {
                assertThat(m.direction()).isEqualTo(Direction.MO);
                assertThat(m.peer()).isEqualTo("123");
                assertThat(m.status()).isEqualTo("ACCEPTED");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ConcatenationMode.class)
    void aLongSmsArrivesInPartsThatReassemble(ConcatenationMode mode) throws Exception {
        try (TestEsme esme = TestEsme.bind(sim.port())) {
            sim.injectMo("+15550001111", "X000000001", LONG_TEXT, mode, false).get(2, TimeUnit.SECONDS);
            int expected = mode == ConcatenationMode.MESSAGE_PAYLOAD ? 1 : 2;
            List<DeliverSm> parts = esme.deliveries(expected, WAIT);
            assertThat(esme.nextDeliver(Duration.ofMillis(100))).isNull();
            assertThat(parts).hasSize(expected);
            for (DeliverSm part : parts) {
                switch (mode) {
                    case UDH8, UDH16 -> {
                        assertThat(part.getEsmClass() & 0x40).isEqualTo(0x40);
                        assertThat(part.getShortMessage()[1]).isEqualTo(mode == ConcatenationMode.UDH8 ? (byte) 0 : (byte) 8);
                    }
                    case SAR -> assertThat(part.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM)).isNotNull();
                    case MESSAGE_PAYLOAD -> {
                        assertThat(part.getShortMessage()).isEmpty();
                        assertThat(part.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD)).isNotNull();
                    }
                    default -> throw new AssertionError(mode);
                }
            }
            ReassembledSms sms = reassemble(parts);
            assertThat(sms.complete()).isTrue();
            assertThat(sms.text()).isEqualTo(LONG_TEXT);
            assertThat(sim.handsets().messages("+15550001111")).singleElement()
                    .satisfies(m -> assertThat(m.parts()).isEqualTo(expected));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConcatenationMode.class, names = {"UDH8", "UDH16", "SAR"})
    void shuffledPartsArriveOutOfOrderAndStillReassemble(ConcatenationMode mode) throws Exception {
        String text = LONG_TEXT + " " + LONG_TEXT;
        try (TestEsme esme = TestEsme.bind(sim.port())) {
            sim.injectMo("+15550001111", "X000000001", text, mode, true).get(2, TimeUnit.SECONDS);
            List<DeliverSm> parts = esme.deliveries(4, WAIT);
            assertThat(parts).hasSize(4);
            List<Integer> order = new ArrayList<>();
            for (DeliverSm part : parts) {
                order.add(InboundUserData.parse(part.getEsmClass(), part.getShortMessage(), sar(part, SmppConstants.TAG_SAR_MSG_REF_NUM),
                        sar(part, SmppConstants.TAG_SAR_TOTAL_SEGMENTS), sar(part, SmppConstants.TAG_SAR_SEGMENT_SEQNUM))
                        .concat().sequence());
            }
            assertThat(order).containsExactlyInAnyOrder(1, 2, 3, 4).isNotEqualTo(List.of(1, 2, 3, 4));
            assertThat(reassemble(parts).text()).isEqualTo(text);
        }
    }

    @Test
    void anEsmeErrorFailsTheInjectionAndMarksTheMessage() throws Exception {
        try (TestEsme esme = TestEsme.bind(sim.port())) {
            esme.deliverStatus = SmppConstants.STATUS_SYSERR;
            assertThatThrownBy(() -> sim.injectMo("+15550001111", "123", "HELP").get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(MoRejectedException.class)
                    .cause().hasMessageContaining("0x00000008");
            assertThat(sim.handsets().messages("+15550001111")).extracting(HandsetMessage::status)
                    .containsExactly("FAILED 0x00000008");
        }
    }

    @Test
    void rawDeliverSmGoesOutAsGivenAndReportsTheStatus() throws Exception {
        try (TestEsme esme = TestEsme.bind(sim.port())) {
            byte[] brokenUdh = {0x05, 0x00, 0x03, 0x2A, 0x02}; // claims five header octets, has four
            RawDeliverSm raw = new RawDeliverSm("+15550001111", "123", 0x40, 0, brokenUdh,
                    java.util.Map.of(0x1234, new byte[] {1, 2}));
            assertThat(sim.injectRawDeliverSm(raw).get(2, TimeUnit.SECONDS)).isZero();
            DeliverSm pdu = esme.nextDeliver(WAIT);
            assertThat(pdu.getShortMessage()).isEqualTo(brokenUdh);
            assertThat(pdu.getEsmClass()).isEqualTo((byte) 0x40);
            assertThat(pdu.getOptionalParameter((short) 0x1234).getValue()).containsExactly(1, 2);
            assertThat(sim.handsets().handsets()).isEmpty();
        }
    }

    /** What the connector will do: sms-core parses each part and reassembles the set. */
    static ReassembledSms reassemble(List<DeliverSm> parts) throws Exception {
        Reassembler reassembler = new Reassembler(Duration.ofMinutes(1), 100, Clock.systemUTC());
        Optional<ReassembledSms> done = Optional.empty();
        for (DeliverSm part : parts) {
            Tlv payload = part.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
            byte[] data = payload != null ? payload.getValue() : part.getShortMessage();
            InboundUserData ud = InboundUserData.parse(part.getEsmClass(), data, sar(part, SmppConstants.TAG_SAR_MSG_REF_NUM),
                    sar(part, SmppConstants.TAG_SAR_TOTAL_SEGMENTS), sar(part, SmppConstants.TAG_SAR_SEGMENT_SEQNUM));
            done = reassembler.accept(part.getSourceAddress().getAddress(), part.getDestAddress().getAddress(),
                    part.getDataCoding(), ud.userData(), ud.concat());
        }
        return done.orElseThrow(() -> new AssertionError("not reassembled"));
    }

    private static Integer sar(DeliverSm pdu, short tag) throws Exception {
        Tlv tlv = pdu.getOptionalParameter(tag);
        if (tlv == null) {
            return null;
        }
        return tlv.getValue().length == 2 ? tlv.getValueAsUnsignedShort() : tlv.getValueAsUnsignedByte();
    }
}
