package io.xsg.sms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.sms.receipt.ReceiptState;
import io.xsg.sms.segment.Segment;
import io.xsg.sms.text.SmsAlphabet;
import org.junit.jupiter.api.Test;

/** The benchmark measures what its javadoc says it measures. */
class SegmentationBenchmarkTest {

    private final SegmentationBenchmark bench = new SegmentationBenchmark();

    @Test
    void fixturesHaveTheAdvertisedShape() {
        assertThat(SegmentationBenchmark.GSM_140).hasSize(140);
        assertThat(bench.splitGsm140()).hasSize(1).allMatch(s -> s.alphabet() == SmsAlphabet.GSM7);
        assertThat(SegmentationBenchmark.GSM_400).hasSize(400).contains("€", "[", "{", "~");
        assertThat(bench.splitGsm400()).hasSize(3).allMatch(Segment::udhIndicator);
        String ucs2 = SegmentationBenchmark.UCS2_200;
        assertThat(ucs2).hasSize(200);
        assertThat(Character.isHighSurrogate(ucs2.charAt(199))).isFalse();
        assertThat(ucs2.codePoints().filter(Character::isSupplementaryCodePoint).count()).isGreaterThan(3);
        assertThat(bench.splitUcs2Emoji200()).hasSize(3).allMatch(s -> s.alphabet() == SmsAlphabet.UCS2);
        assertThat(bench.parseReceipt().state()).isEqualTo(ReceiptState.DELIVERED);
    }
}
