package io.xsg.sms.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.sms.text.EncodingPolicy;
import io.xsg.sms.text.SmsAlphabet;
import io.xsg.sms.text.SmsText;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SegmentationPolicy UDH8 = SegmentationPolicy.defaults();
    private static final SegmentationPolicy UDH16 = new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.UDH16);
    private static final SegmentationPolicy SAR = new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.SAR);
    private static final SegmentationPolicy PAYLOAD =
            new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.MESSAGE_PAYLOAD);

    @Test
    void exactly160GsmCharsIsOnePartWithoutUdh() {
        List<Segment> parts = Segmenter.split("a".repeat(160), UDH8, 7);
        assertThat(parts).hasSize(1);
        Segment only = parts.get(0);
        assertThat(only.udh()).isNull();
        assertThat(only.udhIndicator()).isFalse();
        assertThat(only.sar()).isNull();
        assertThat(only.userData()).hasSize(160);
        assertThat(only.shortMessage()).isEqualTo(only.userData());
        assertThat(only.dataCoding()).isEqualTo((byte) 0);
    }

    @Test
    void gsmChars161AreTwoParts153And8WithUdh8() {
        List<Segment> parts = Segmenter.split("a".repeat(161), UDH8, 0x2A);
        assertThat(parts).extracting(p -> p.userData().length).containsExactly(153, 8);
        assertThat(HEX.formatHex(parts.get(0).udh())).isEqualTo("0500032A0201");
        assertThat(HEX.formatHex(parts.get(1).udh())).isEqualTo("0500032A0202");
        assertThat(parts).allMatch(Segment::udhIndicator);
        byte[] sm = parts.get(1).shortMessage();
        assertThat(HEX.formatHex(sm)).isEqualTo("0500032A0202" + "61".repeat(8));
        assertThat(parts).extracting(Segment::sequence).containsExactly(1, 2);
        assertThat(parts).extracting(Segment::total).containsExactly(2, 2);
    }

    @Test
    void udh8SendsTheLowByteOfTheReference() {
        assertThat(HEX.formatHex(Segmenter.split("a".repeat(161), UDH8, 0x1FF).get(0).udh())).isEqualTo("050003FF0201");
    }

    @Test
    void escapeSequenceAtThePartBoundaryIsNotSplit() {
        String text = "a".repeat(152) + "€" + "b".repeat(10);
        List<Segment> parts = Segmenter.split(text, UDH8, 1);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).userData()).hasSize(152);
        assertThat(HEX.formatHex(parts.get(1).userData())).isEqualTo("1B65" + "62".repeat(10));
    }

    @Test
    void extensionCharsCountTwoTowardsTheSingleLimit() {
        assertThat(Segmenter.split("€".repeat(80), UDH8, 1)).hasSize(1);
        assertThat(Segmenter.split("€".repeat(80) + "a", UDH8, 1)).hasSize(2);
    }

    @Test
    void ucs2Has70InOnePartAnd67PerPart() {
        String cyrillic = "ж";
        assertThat(Segmenter.split(cyrillic.repeat(70), UDH8, 1)).hasSize(1)
                .allMatch(p -> p.alphabet() == SmsAlphabet.UCS2 && p.dataCoding() == 0x08);
        List<Segment> parts = Segmenter.split(cyrillic.repeat(71), UDH8, 1);
        assertThat(parts).extracting(p -> p.userData().length).containsExactly(134, 8);
    }

    @Test
    void emojiAtThe67UnitBoundaryIsNotSplit() {
        String text = "a".repeat(66) + "😀" + "b".repeat(10);
        List<Segment> parts = Segmenter.split(text, UDH8, 1);
        assertThat(parts).extracting(p -> p.userData().length).containsExactly(132, 24);
        assertThat(HEX.formatHex(parts.get(1).userData())).startsWith("D83DDE00");
        assertThat(decode(parts)).isEqualTo(text);
    }

    @Test
    void udh16BytesAndLimits() {
        List<Segment> parts = Segmenter.split("a".repeat(161), UDH16, 0x51234);
        assertThat(parts).extracting(p -> p.userData().length).containsExactly(152, 9);
        assertThat(HEX.formatHex(parts.get(0).udh())).isEqualTo("060804123402" + "01");
        assertThat(HEX.formatHex(parts.get(1).udh())).isEqualTo("06080412340202");
        assertThat(Segmenter.split("ж".repeat(71), UDH16, 1)).extracting(p -> p.userData().length)
                .containsExactly(132, 10);
    }

    @Test
    void latin1LimitsAre140And134() {
        SegmentationPolicy latin = new SegmentationPolicy(EncodingPolicy.LATIN1, ConcatenationMode.UDH8);
        assertThat(Segmenter.split("é".repeat(140), latin, 1)).hasSize(1).allMatch(p -> p.dataCoding() == 0x03);
        assertThat(Segmenter.split("é".repeat(141), latin, 1)).extracting(p -> p.userData().length)
                .containsExactly(134, 7);
    }

    @Test
    void sarPartsCarryNoUdhButLeaveRoomForTheOneTheSmscAdds() {
        List<Segment> parts = Segmenter.split("a".repeat(161), SAR, 0x12345);
        assertThat(parts).extracting(p -> p.userData().length).containsExactly(152, 9); // septets, unpacked on SMPP
        assertThat(Segmenter.split("ж".repeat(71), SAR, 1)).extracting(p -> p.userData().length)
                .containsExactly(132, 10); // 66 UCS-2 units
        assertThat(parts).extracting(Segment::sar).containsExactly(new Sar(0x2345, 2, 1), new Sar(0x2345, 2, 2));
        assertThat(parts).noneMatch(Segment::udhIndicator);
        assertThat(parts.get(0).shortMessage()).isEqualTo(parts.get(0).userData());
        assertThat(Segmenter.split("a".repeat(160), SAR, 1).get(0).sar()).isNull();
    }

    @Test
    void messagePayloadIsOnePduWithEmptyShortMessage() {
        String text = "long text ".repeat(40);
        List<Segment> parts = Segmenter.split(text, PAYLOAD, 1);
        assertThat(parts).hasSize(1);
        Segment only = parts.get(0);
        assertThat(only.messagePayload()).isTrue();
        assertThat(only.shortMessage()).isEmpty();
        assertThat(only.payload()).isEqualTo(SmsText.encode(text, SmsAlphabet.GSM7)).hasSize(400);
        assertThat(only.udhIndicator()).isFalse();
        assertThat(Segmenter.split("short", UDH8, 1).get(0).payload()).isNull();
    }

    @Test
    void moreThan255PartsAreRejected() {
        assertThat(Segmenter.split("a".repeat(153 * 255), UDH8, 1)).hasSize(255);
        assertThatThrownBy(() -> Segmenter.split("a".repeat(153 * 255 + 1), UDH8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255 parts");
        assertThatThrownBy(() -> Segmenter.split("a".repeat(1_000_000), SAR, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyTextIsOneEmptyPart() {
        List<Segment> parts = Segmenter.split("", UDH8, 1);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).userData()).isEmpty();
        assertThat(parts.get(0).total()).isEqualTo(1);
    }

    @Test
    void forcedGsmCountsEachReplacementAsOneSeptet() {
        SegmentationPolicy gsm = new SegmentationPolicy(EncodingPolicy.GSM7, ConcatenationMode.UDH8);
        List<Segment> parts = Segmenter.split("😀".repeat(160), gsm, 1);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).userData()).hasSize(160).containsOnly('?');
    }

    @Test
    void segmentsAreImmutable() {
        Segment part = Segmenter.split("a".repeat(161), UDH8, 1).get(0);
        part.udh()[0] = 9;
        part.userData()[0] = 9;
        assertThat(part.udh()[0]).isEqualTo((byte) 5);
        assertThat(part.userData()[0]).isEqualTo((byte) 'a');
        assertThat(part).isEqualTo(Segmenter.split("a".repeat(161), UDH8, 1).get(0));
        assertThat(part.toString()).contains("1/2", "udh=050003010201");
    }

    @Test
    void segmentRejectsInconsistentParts() {
        assertThatThrownBy(() -> new Segment(3, 2, SmsAlphabet.GSM7, null, new byte[0], null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment(1, 1, SmsAlphabet.GSM7, new byte[] {0}, new byte[0], null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPartDecodesOnItsOwnAndTheWholeRoundTrips() {
        String mixed = "Ünïcødé ❤ 😀 €[] ".repeat(30);
        for (SegmentationPolicy policy : List.of(UDH8, UDH16, SAR)) {
            List<Segment> parts = Segmenter.split(mixed, policy, 99);
            assertThat(decode(parts)).as("%s", policy).isEqualTo(mixed);
            String gsm = "Price {5€} ~ [x] | ^ \\ ".repeat(25);
            assertThat(decode(Segmenter.split(gsm, policy, 99))).isEqualTo(gsm);
        }
    }

    @Test
    void randomTextsUnderEveryPolicyFitTheirLimitsAndLoseNoByte() {
        String pool = "aZ09 @€{}[]~^|\\\féçжΩ😀🙏\uD800\uDC00";
        Random random = new Random(23038);
        for (EncodingPolicy encoding : EncodingPolicy.values()) {
            for (ConcatenationMode mode : List.of(ConcatenationMode.UDH8, ConcatenationMode.UDH16, ConcatenationMode.SAR)) {
                for (int round = 0; round < 40; round++) {
                    StringBuilder sb = new StringBuilder();
                    int length = random.nextInt(700);
                    while (sb.length() < length) {
                        sb.append(pool.charAt(random.nextInt(pool.length())));
                    }
                    String text = sb.toString();
                    List<Segment> parts = Segmenter.split(text, new SegmentationPolicy(encoding, mode), round);
                    SmsAlphabet alphabet = parts.get(0).alphabet();
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    for (Segment p : parts) {
                        all.writeBytes(p.userData());
                        int limit = parts.size() == 1 ? Segmenter.singleLimit(alphabet)
                                : Segmenter.partLimit(alphabet, mode);
                        int units = alphabet == SmsAlphabet.UCS2 ? p.userData().length / 2 : p.userData().length;
                        assertThat(units).isLessThanOrEqualTo(limit);
                        byte[] data = p.userData();
                        if (alphabet == SmsAlphabet.GSM7 && data.length > 0) {
                            assertThat(data[data.length - 1]).as("escape split").isNotEqualTo((byte) 0x1B);
                        }
                        if (alphabet == SmsAlphabet.UCS2 && data.length > 0) {
                            assertThat(Character.isHighSurrogate((char) (((data[data.length - 2] & 0xFF) << 8)
                                    | (data[data.length - 1] & 0xFF)))).as("pair split").isFalse();
                        }
                    }
                    assertThat(all.toByteArray()).isEqualTo(SmsText.encode(text, alphabet));
                }
            }
        }
    }

    private static String decode(List<Segment> parts) {
        StringBuilder sb = new StringBuilder();
        for (Segment p : parts) {
            byte[] data = p.userData();
            sb.append(SmsText.decode(data, 0, data.length, p.dataCoding()));
        }
        return sb.toString();
    }
}
