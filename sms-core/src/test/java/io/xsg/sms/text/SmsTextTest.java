package io.xsg.sms.text;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void autoPicksGsmWhenEveryCharFitsElseUcs2() {
        assertThat(SmsText.choose("Price: 5€ {promo} [x]", EncodingPolicy.AUTO)).isEqualTo(SmsAlphabet.GSM7);
        assertThat(SmsText.choose("", EncodingPolicy.AUTO)).isEqualTo(SmsAlphabet.GSM7);
        assertThat(SmsText.choose("ça va", EncodingPolicy.AUTO)).isEqualTo(SmsAlphabet.UCS2);
        assertThat(SmsText.choose("привет", EncodingPolicy.AUTO)).isEqualTo(SmsAlphabet.UCS2);
        assertThat(SmsText.choose("hi 😀", EncodingPolicy.AUTO)).isEqualTo(SmsAlphabet.UCS2);
    }

    @Test
    void forcedPoliciesAreObeyed() {
        assertThat(SmsText.choose("привет", EncodingPolicy.GSM7)).isEqualTo(SmsAlphabet.GSM7);
        assertThat(SmsText.choose("hello", EncodingPolicy.LATIN1)).isEqualTo(SmsAlphabet.LATIN1);
        assertThat(SmsText.choose("hello", EncodingPolicy.UCS2)).isEqualTo(SmsAlphabet.UCS2);
    }

    @Test
    void forcedNarrowEncodingsReplaceWithQuestionMarks() {
        assertThat(new String(SmsText.encode("Grüße 😀 €", SmsAlphabet.LATIN1), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("Grüße ? ?");
        assertThat(SmsText.encode("dé😀", SmsAlphabet.IA5)).containsExactly('d', '?', '?');
        assertThat(Gsm7.decode(SmsText.encode("при€", SmsAlphabet.GSM7), 0, 5)).isEqualTo("???€");
    }

    @Test
    void ucs2KeepsSurrogatePairs() {
        assertThat(HEX.formatHex(SmsText.encode("a😀", SmsAlphabet.UCS2))).isEqualTo("0061D83DDE00");
        byte[] data = HEX.parseHex("0061D83DDE00");
        assertThat(SmsText.decode(data, 0, data.length, 0x08)).isEqualTo("a😀");
    }

    @Test
    void ucs2DropsATrailingOddByte() {
        byte[] data = HEX.parseHex("0068006900");
        assertThat(SmsText.decode(data, 0, data.length, 0x08)).isEqualTo("hi");
        assertThat(SmsText.decode(data, 1, 4, 0x08)).isEqualTo("\u6800\u6900");
    }

    @Test
    void decodesEachDataCoding() {
        byte[] gsm = Gsm7.encode("€5 @home");
        assertThat(SmsText.decode(gsm, 0, gsm.length, 0x00)).isEqualTo("€5 @home");
        assertThat(SmsText.decode(gsm, 0, gsm.length, 0xF0)).isEqualTo("€5 @home");
        byte[] latin = {'c', 'a', 'f', (byte) 0xE9};
        assertThat(SmsText.decode(latin, 0, 4, 0x03)).isEqualTo("café");
        assertThat(SmsText.decode(latin, 0, 3, 0x01)).isEqualTo("caf");
        byte[] ucs2 = "Ωμέγα".getBytes(UTF_16BE);
        assertThat(SmsText.decode(ucs2, 0, ucs2.length, 0x18)).isEqualTo("Ωμέγα");
        assertThat(SmsText.decode(new byte[] {(byte) 0xFF, 0x00}, 0, 2, 0x04)).isEqualTo("\u00FF\u0000");
    }

    @Test
    void rejectsBinaryAsTextAndUnknownDataCodings() {
        assertThatThrownBy(() -> SmsText.encode("x", SmsAlphabet.BINARY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmsText.decode(new byte[1], 0, 1, 0x06)).isInstanceOf(IllegalArgumentException.class);
    }
}
