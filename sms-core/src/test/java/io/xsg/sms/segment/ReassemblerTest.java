package io.xsg.sms.segment;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.sms.text.EncodingPolicy;
import io.xsg.sms.text.Gsm7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

    private static final int GSM = 0x00;
    private static final int UCS2 = 0x08;

    private final MutableClock clock = new MutableClock();
    private final Reassembler reassembler = new Reassembler(Duration.ofMinutes(5), 100, clock);

    private static byte[] gsm(String s) {
        return Gsm7.encode(s);
    }

    private Optional<ReassembledSms> part(String from, int ref, int total, int seq, String text) {
        return reassembler.accept(from, "123", GSM, gsm(text), new ConcatInfo(ref, total, seq, false));
    }

    @Test
    void aSingleMessageComesStraightBack() {
        Optional<ReassembledSms> sms = reassembler.accept("+4477", "123", GSM, gsm("hi €"), null);
        assertThat(sms).contains(new ReassembledSms("+4477", "123", GSM, "hi €", 1, true, List.of()));
        assertThat(reassembler.pending()).isZero();
        assertThat(reassembler.accept("a", "b", GSM, gsm("x"), new ConcatInfo(1, 1, 1, false))).isPresent();
    }

    @Test
    void inOrder() {
        assertThat(part("a", 1, 3, 1, "one ")).isEmpty();
        assertThat(part("a", 1, 3, 2, "two ")).isEmpty();
        assertThat(reassembler.pending()).isEqualTo(1);
        assertThat(part("a", 1, 3, 3, "three")).map(ReassembledSms::text).contains("one two three");
        assertThat(reassembler.pending()).isZero();
    }

    @Test
    void reverseOrder() {
        assertThat(part("a", 1, 3, 3, "three")).isEmpty();
        assertThat(part("a", 1, 3, 2, "two ")).isEmpty();
        ReassembledSms sms = part("a", 1, 3, 1, "one ").orElseThrow();
        assertThat(sms.text()).isEqualTo("one two three");
        assertThat(sms.complete()).isTrue();
        assertThat(sms.parts()).isEqualTo(3);
    }

    /** Jasmin loses a message whose last part arrives first; every order must complete exactly once. */
    @Test
    void lastPartFirstStillCompletes() {
        assertThat(part("a", 9, 3, 3, "C")).isEmpty();
        assertThat(part("a", 9, 3, 1, "A")).isEmpty();
        assertThat(part("a", 9, 3, 2, "B")).map(ReassembledSms::text).contains("ABC");
        for (List<Integer> order : List.of(List.of(3, 2, 1), List.of(3, 1, 2), List.of(2, 3, 1), List.of(1, 3, 2))) {
            List<ReassembledSms> done = new ArrayList<>();
            for (int seq : order) {
                part("b", 4, 3, seq, String.valueOf((char) ('A' + seq - 1))).ifPresent(done::add);
            }
            assertThat(done).as("order %s", order).extracting(ReassembledSms::text).containsExactly("ABC");
        }
        assertThat(reassembler.pending()).isZero();
    }

    @Test
    void duplicatePartsAreIgnored() {
        assertThat(part("a", 1, 2, 1, "first ")).isEmpty();
        assertThat(part("a", 1, 2, 1, "IMPOSTOR ")).isEmpty();
        assertThat(part("a", 1, 2, 2, "second")).map(ReassembledSms::text).contains("first second");
    }

    @Test
    void eightAndSixteenBitReferencesAreSeparateSets() {
        reassembler.accept("a", "123", GSM, gsm("8-"), new ConcatInfo(5, 2, 1, false));
        reassembler.accept("a", "123", GSM, gsm("16-"), new ConcatInfo(5, 2, 1, true));
        assertThat(reassembler.pending()).isEqualTo(2);
        assertThat(reassembler.accept("a", "123", GSM, gsm("bit"), new ConcatInfo(5, 2, 2, true)))
                .map(ReassembledSms::text).contains("16-bit");
        assertThat(reassembler.accept("a", "123", GSM, gsm("bit"), new ConcatInfo(5, 2, 2, false)))
                .map(ReassembledSms::text).contains("8-bit");
    }

    @Test
    void sarPartsReassemble() {
        List<Segment> parts = new ArrayList<>(Segmenter.split("s".repeat(400),
                new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.SAR), 0xABCD));
        Collections.reverse(parts);
        List<ReassembledSms> done = new ArrayList<>();
        for (Segment p : parts) {
            InboundUserData in = InboundUserData.parse(0, p.shortMessage(), p.sar().reference(), p.sar().total(),
                    p.sar().sequence());
            reassembler.accept("a", "b", p.dataCoding(), in.userData(), in.concat()).ifPresent(done::add);
        }
        assertThat(done).extracting(ReassembledSms::text).containsExactly("s".repeat(400));
    }

    @Test
    void interleavedSetsFromTwoSendersWithTheSameReference() {
        part("alice", 7, 2, 1, "Hello ");
        part("bob", 7, 2, 2, "there");
        part("alice", 7, 3, 1, "X"); // same sender and reference, other total: another message
        assertThat(reassembler.pending()).isEqualTo(3);
        assertThat(part("alice", 7, 2, 2, "Bob")).map(ReassembledSms::text).contains("Hello Bob");
        ReassembledSms bob = part("bob", 7, 2, 1, "Hi ").orElseThrow();
        assertThat(bob.source()).isEqualTo("bob");
        assertThat(bob.text()).isEqualTo("Hi there");
    }

    @Test
    void aGsmEscapeSplitAcrossPartsStillDecodes() {
        byte[] first = {'5', 0x1B};
        byte[] second = {0x65, '!'};
        reassembler.accept("a", "b", GSM, second, new ConcatInfo(1, 2, 2, false));
        assertThat(reassembler.accept("a", "b", GSM, first, new ConcatInfo(1, 2, 1, false)))
                .map(ReassembledSms::text).contains("5€!");
    }

    @Test
    void aSurrogatePairOrEvenACodeUnitSplitAcrossUcs2PartsStillDecodes() {
        byte[] all = "a😀b".getBytes(UTF_16BE); // 00 61 D8 3D DE 00 00 62
        byte[][] split = {Arrays.copyOfRange(all, 0, 3), Arrays.copyOfRange(all, 3, 5),
            Arrays.copyOfRange(all, 5, 8)};
        reassembler.accept("a", "b", UCS2, split[0], new ConcatInfo(2, 3, 1, false));
        reassembler.accept("a", "b", UCS2, split[2], new ConcatInfo(2, 3, 3, false));
        assertThat(reassembler.accept("a", "b", UCS2, split[1], new ConcatInfo(2, 3, 2, false)))
                .map(ReassembledSms::text).contains("a😀b");
    }

    @Test
    void timeoutReturnsWhatArrivedWithTheMissingParts() {
        part("a", 1, 4, 1, "one ");
        part("a", 1, 4, 3, "three");
        clock.advance(Duration.ofMinutes(4));
        part("c", 2, 2, 1, "young");
        assertThat(reassembler.expire()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<ReassembledSms> expired = reassembler.expire();
        assertThat(expired).containsExactly(new ReassembledSms("a", "123", GSM, "one three", 4, false, List.of(2, 4)));
        assertThat(reassembler.pending()).isEqualTo(1);
        assertThat(reassembler.expire()).isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(reassembler.expire()).extracting(ReassembledSms::missingParts).containsExactly(List.of(2));
        assertThat(reassembler.pending()).isZero();
    }

    @Test
    void aGapDoesNotGlueADanglingEscapeToTheNextRun() {
        reassembler.accept("a", "b", GSM, new byte[] {'x', 0x1B}, new ConcatInfo(3, 3, 1, false));
        reassembler.accept("a", "b", GSM, new byte[] {0x65}, new ConcatInfo(3, 3, 3, false));
        clock.advance(Duration.ofHours(1));
        assertThat(reassembler.expire()).extracting(ReassembledSms::text).containsExactly("xe");
    }

    @Test
    void theOldestSetIsEvictedBeyondTheLimitAndNothingIsLost() {
        Reassembler small = new Reassembler(Duration.ofMinutes(5), 2, clock);
        small.accept("a", "b", GSM, gsm("first"), new ConcatInfo(1, 2, 1, false));
        clock.advance(Duration.ofSeconds(1));
        small.accept("a", "b", GSM, gsm("second"), new ConcatInfo(2, 2, 1, false));
        small.accept("a", "b", GSM, gsm("third"), new ConcatInfo(3, 2, 1, false));
        assertThat(small.pending()).isEqualTo(2);
        assertThat(small.drainEvicted()).containsExactly(
                new ReassembledSms("a", "b", GSM, "first", 2, false, List.of(2)));
        assertThat(small.drainEvicted()).isEmpty();
        small.accept("a", "b", GSM, gsm("fourth"), new ConcatInfo(4, 2, 1, false));
        assertThat(small.expire()).extracting(ReassembledSms::text).containsExactly("second");
    }

    @Test
    void anUndecodableDataCodingIsRejectedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> reassembler.accept("a", "b", 0x06, new byte[1], new ConcatInfo(1, 2, 1, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(reassembler.pending()).isZero();
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new Reassembler(Duration.ZERO, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reassembler(Duration.ofSeconds(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentPartsOfManySetsAllCompleteOnce() throws Exception {
        Reassembler shared = new Reassembler(Duration.ofMinutes(5), 10_000, clock);
        List<Object[]> work = new ArrayList<>();
        for (int set = 0; set < 500; set++) {
            for (int seq = 1; seq <= 4; seq++) {
                work.add(new Object[] {"+" + set, seq});
            }
        }
        Collections.shuffle(work, new Random(7));
        ConcurrentLinkedQueue<ReassembledSms> done = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (Object[] w : work) {
            pool.execute(() -> shared.accept((String) w[0], "x", GSM, gsm("p" + w[1]),
                    new ConcatInfo(1, 4, (Integer) w[1], false)).ifPresent(done::add));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(done).hasSize(500).allMatch(s -> s.text().equals("p1p2p3p4") && s.complete());
        assertThat(shared.pending()).isZero();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-31T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
