package io.xsg.sms.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundUserDataTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static InboundUserData udh(String hex) {
        return InboundUserData.parse(0x40, HEX.parseHex(hex), null, null, null);
    }

    @Test
    void withoutUdhiTheWholeShortMessageIsUserData() {
        InboundUserData in = InboundUserData.parse(0x00, HEX.parseHex("050003010201"), null, null, null);
        assertThat(in.concat()).isNull();
        assertThat(HEX.formatHex(in.userData())).isEqualTo("050003010201");
    }

    @Test
    void readsTheEightBitConcatenationElement() {
        InboundUserData in = udh("0500032A03026869");
        assertThat(in.concat()).isEqualTo(new ConcatInfo(0x2A, 3, 2, false));
        assertThat(in.userData()).containsExactly('h', 'i');
    }

    @Test
    void readsTheSixteenBitConcatenationElement() {
        InboundUserData in = udh("0608041234020168");
        assertThat(in.concat()).isEqualTo(new ConcatInfo(0x1234, 2, 1, true));
        assertThat(in.userData()).containsExactly('h');
    }

    @Test
    void udhiIsReadFromAnyEsmClass() {
        InboundUserData in = InboundUserData.parse(0x43, HEX.parseHex("0500032A030268"), null, null, null);
        assertThat(in.concat()).isNotNull();
    }

    @Test
    void skipsUnknownElements() {
        // national language single shift (0x24), then concatenation
        InboundUserData in = udh("08240101000307030168");
        assertThat(in.concat()).isEqualTo(new ConcatInfo(7, 3, 1, false));
        assertThat(in.userData()).containsExactly('h');
        // application port addressing only: not concatenated, UDH still removed
        InboundUserData ports = udh("0605040B8423F0FF");
        assertThat(ports.concat()).isNull();
        assertThat(HEX.formatHex(ports.userData())).isEqualTo("FF");
    }

    @Test
    void aRepeatedConcatenationElementCountsItsLastOccurrence() {
        assertThat(udh("0A00030102010003020302").concat()).isEqualTo(new ConcatInfo(2, 3, 2, false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "0700030102       | UDH length 7 runs past the end of the 5-octet short_message",
        "0400030102       | UDH information element 0x00 of length 3 at octet 1 runs past the UDH end at 5",
        "0100             | UDH information element at octet 1 has no length octet",
        "050003010001     | UDH element 0x00: total parts is 0",
        "050003010200     | UDH element 0x00: sequence 0 outside 1..2",
        "050003010203     | UDH element 0x00: sequence 3 outside 1..2",
        "06080400010103   | UDH element 0x08: sequence 3 outside 1..1",
        "0400020102       | UDH concatenation element 0x00 has length 2, expected 3",
    })
    void malformedUdhIsRejectedPrecisely(String hex, String message) {
        assertThatThrownBy(() -> udh(hex)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void udhiWithEmptyShortMessageIsRejected() {
        assertThatThrownBy(() -> udh("")).hasMessageContaining("empty");
    }

    @Test
    void readsSarTlvs() {
        InboundUserData in = InboundUserData.parse(0, new byte[] {'x'}, 0xBEEF, 3, 3);
        assertThat(in.concat()).isEqualTo(new ConcatInfo(0xBEEF, 3, 3, true));
        assertThat(in.userData()).containsExactly('x');
    }

    @Test
    void rejectsIncompleteOrOutOfRangeSar() {
        assertThatThrownBy(() -> InboundUserData.parse(0, new byte[0], 1, null, 1))
                .hasMessageContaining("incomplete SAR");
        assertThatThrownBy(() -> InboundUserData.parse(0, new byte[0], 1, 2, 3))
                .hasMessage("sar_segment_seqnum 3 outside 1..2");
        assertThatThrownBy(() -> InboundUserData.parse(0, new byte[0], 1, 0, 1))
                .hasMessage("sar_total_segments 0 outside 1..255");
        assertThatThrownBy(() -> InboundUserData.parse(0, new byte[0], 70000, 2, 1))
                .hasMessageContaining("sar_msg_ref_num");
    }

    @Test
    void aUdhElementWinsOverSarTlvs() {
        InboundUserData in = InboundUserData.parse(0x40, HEX.parseHex("05000309020168"), 1, 5, 5);
        assertThat(in.concat()).isEqualTo(new ConcatInfo(9, 2, 1, false));
    }

    @Test
    void valueSemantics() {
        assertThat(udh("0500032A03026869")).isEqualTo(udh("0500032A03026869"))
                .hasSameHashCodeAs(udh("0500032A03026869"));
        assertThat(udh("0500032A03026869").toString()).contains("6869");
    }
}
