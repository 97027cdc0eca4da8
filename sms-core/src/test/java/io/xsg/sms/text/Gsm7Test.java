package io.xsg.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gsm7Test {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** 3GPP TS 23.038 §6.2.1 default alphabet spot checks (chars as Unicode escapes to avoid look-alikes). */
    @ParameterizedTest(name = "U+{0} -> {1}")
    @CsvSource({
        "0040, 00", "00A3, 01", "0024, 02", "00A5, 03", "00E8, 04", "00C7, 09", "000A, 0A", "000D, 0D",
        "0394, 10", "005F, 11", "03A6, 12", "0393, 13", "039B, 14", "03A9, 15", "03A0, 16", "03A8, 17",
        "03A3, 18", "0398, 19", "039E, 1A", "00DF, 1E", "00C9, 1F", "0020, 20", "00A4, 24", "00A1, 40",
        "0041, 41", "00C4, 5B", "00D6, 5C", "00D1, 5D", "00DC, 5E", "00A7, 5F", "00BF, 60", "0061, 61",
        "00E4, 7B", "00F6, 7C", "00F1, 7D", "00FC, 7E", "00E0, 7F",
    })
    void defaultAlphabet(String unicode, String code) {
        String c = String.valueOf((char) Integer.parseInt(unicode, 16));
        assertThat(HEX.formatHex(Gsm7.encode(c))).isEqualTo(code);
        assertThat(Gsm7.decode(HEX.parseHex(code), 0, 1)).isEqualTo(c);
        assertThat(Gsm7.septets(c)).isEqualTo(1);
    }

    /** 23.038 §6.2.1.1 extension table: every entry. */
    @ParameterizedTest(name = "U+{0} -> {1}")
    @CsvSource({
        "20AC, 1B65", "007B, 1B28", "007D, 1B29", "005B, 1B3C", "007E, 1B3D", "005D, 1B3E", "005C, 1B2F",
        "005E, 1B14", "007C, 1B40", "000C, 1B0A",
    })
    void extensionTable(String unicode, String code) {
        String c = String.valueOf((char) Integer.parseInt(unicode, 16));
        assertThat(HEX.formatHex(Gsm7.encode(c))).isEqualTo(code);
        assertThat(Gsm7.decode(HEX.parseHex(code), 0, 2)).isEqualTo(c);
        assertThat(Gsm7.septets(c)).isEqualTo(2);
    }

    @Test
    void literalSpotChecksFromTheBrief() {
        assertThat(Gsm7.encode("@£$è_ßÉ¤¡Ä§¿äà")).containsExactly(
                0x00, 0x01, 0x02, 0x04, 0x11, 0x1E, 0x1F, 0x24, 0x40, 0x5B, 0x5F, 0x60, 0x7B, 0x7F);
    }

    @Test
    void everyBaseCodeRoundTrips() {
        for (int code = 0; code < 128; code++) {
            if (code == Gsm7.ESCAPE) {
                continue;
            }
            String c = Gsm7.decode(new byte[] {(byte) code}, 0, 1);
            assertThat(c).hasSize(1);
            assertThat(Gsm7.encode(c)).as("code %02X", code).containsExactly(code);
        }
    }

    @Test
    void packsTheClassicVectors() {
        assertThat(HEX.formatHex(Gsm7.pack(Gsm7.encode("hellohello"), 0))).isEqualTo("E8329BFD4697D9EC37");
        assertThat(HEX.formatHex(Gsm7.pack(Gsm7.encode("hello"), 0))).isEqualTo("E8329BFD06");
        assertThat(Gsm7.decode(Gsm7.unpack(HEX.parseHex("E8329BFD4697D9EC37"), 10, 0), 0, 10))
                .isEqualTo("hellohello");
    }

    @Test
    void packsAfterFillBits() {
        // one fill bit, as after a 6-octet UDH: "h" (0x68) shifted left by one
        assertThat(HEX.formatHex(Gsm7.pack(new byte[] {0x68}, 1))).isEqualTo("D0");
        Random random = new Random(38);
        for (int fill = 0; fill <= 6; fill++) {
            for (int n = 0; n <= 20; n++) {
                byte[] septets = new byte[n];
                for (int i = 0; i < n; i++) {
                    septets[i] = (byte) random.nextInt(128);
                }
                byte[] packed = Gsm7.pack(septets, fill);
                assertThat(packed).hasSize((fill + 7 * n + 7) / 8);
                assertThat(Gsm7.unpack(packed, n, fill)).isEqualTo(septets);
            }
        }
    }

    @Test
    void packRejectsBadArguments() {
        assertThatThrownBy(() -> Gsm7.pack(new byte[1], 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.unpack(new byte[2], 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 septets");
    }

    @Test
    void countsSeptets() {
        assertThat(Gsm7.septets("")).isZero();
        assertThat(Gsm7.septets("abc")).isEqualTo(3);
        assertThat(Gsm7.septets("a€{")).isEqualTo(5);
        assertThat(Gsm7.septets("ça")).isEqualTo(-1); // 0x09 is capital Ç in 23.038
        assertThat(Gsm7.septets("a😀")).isEqualTo(-1);
        assertThat(Gsm7.canEncode("Ünïcode")).isFalse();
        assertThat(Gsm7.canEncode("Üñ€")).isTrue();
    }

    @Test
    void replacesWhatItCannotEncodeWithOneQuestionMarkPerCodePoint() {
        assertThat(HEX.formatHex(Gsm7.encode("a😀b"))).isEqualTo("613F62");
        assertThat(HEX.formatHex(Gsm7.encode("ç"))).isEqualTo("3F");
        assertThat(HEX.formatHex(Gsm7.encode("\uD83D"))).isEqualTo("3F"); // lone surrogate
    }

    @Test
    void unknownEscapeShowsTheBaseCharacter() {
        assertThat(Gsm7.decode(new byte[] {0x41, 0x1B, 0x41, 0x42}, 0, 4)).isEqualTo("AAB");
        assertThat(Gsm7.decode(new byte[] {0x1B, 0x1B, 0x41}, 0, 3)).isEqualTo(" A");
    }

    @Test
    void danglingEscapeIsIgnored() {
        assertThat(Gsm7.decode(new byte[] {0x41, 0x42, 0x1B}, 0, 3)).isEqualTo("AB");
        assertThat(Gsm7.decode(new byte[] {0x41, 0x1B, 0x65}, 0, 2)).isEqualTo("A");
    }

    @Test
    void decodesARangeAndIgnoresTheTopBit() {
        assertThat(Gsm7.decode(new byte[] {0x30, 0x31, 0x32, 0x33}, 1, 2)).isEqualTo("12");
        assertThat(Gsm7.decode(new byte[] {(byte) 0xC1}, 0, 1)).isEqualTo("A");
        assertThatThrownBy(() -> Gsm7.decode(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
