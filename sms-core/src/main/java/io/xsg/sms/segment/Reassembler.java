package io.xsg.sms.segment;

import io.xsg.sms.text.SmsAlphabet;
import io.xsg.sms.text.SmsText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts concatenated inbound SMS back together. Thread-safe: every method holds the instance's lock, and none
 * does more than decode one message under it.
 *
 * <p>A set is keyed by (source, destination, reference, total, 8- or 16-bit reference). Parts may arrive in
 * any order, a part whose sequence number the set already holds is ignored, and the set completes as soon as
 * every sequence 1..total is present, whichever arrived last. The user-data bytes are joined in sequence order
 * and decoded once, so a GSM escape or a UTF-16 surrogate pair that a foreign sender split across two parts
 * still decodes.
 *
 * <p>Nothing is dropped silently. A set whose first part arrived {@code timeout} or longer ago is returned by
 * {@link #expire()} as incomplete, with the parts present and the missing sequence numbers. When a new set
 * would exceed {@code maxPendingSets}, the oldest set is evicted the same way and held until a caller drains
 * it: {@link #drainEvicted()} returns evicted sets at once (a caller can call it after each accept), and
 * {@link #expire()} returns them too, so a caller that only runs expire periodically still gets them.
 */
public final class Reassembler {

    private final Duration timeout;
    private final int maxPendingSets;
    private final Clock clock;
    /** In order of each set's first part, so the first entry is the oldest. */
    private final Map<Key, PartSet> sets = new LinkedHashMap<>();
    private final List<ReassembledSms> evicted = new ArrayList<>();

    /**
     * @param timeout how long a set may wait for its missing parts, counted from its first part
     * @param maxPendingSets most incomplete sets held at once, at least 1
     * @param clock time source (a fixed or offset clock in tests)
     */
    public Reassembler(Duration timeout, int maxPendingSets, Clock clock) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxPendingSets < 1) {
            throw new IllegalArgumentException("maxPendingSets must be at least 1, was " + maxPendingSets);
        }
        this.timeout = timeout;
        this.maxPendingSets = maxPendingSets;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes one part. A message that is not concatenated (concat null, or a total of 1) comes straight back.
     *
     * @param userData the part's user data without UDH (copied)
     * @return the whole message when this part completed it, otherwise empty
     * @throws IllegalArgumentException when the data_coding is one the gateway cannot decode
     */
    public Optional<ReassembledSms> accept(String source, String destination, int dataCoding, byte[] userData,
            ConcatInfo concat) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(userData, "userData");
        SmsAlphabet.fromDataCoding(dataCoding); // fail before anything is stored
        if (concat == null || concat.total() == 1) {
            String text = SmsText.decode(userData, 0, userData.length, dataCoding);
            return Optional.of(new ReassembledSms(source, destination, dataCoding, text, 1, true, List.of()));
        }
        Key key = new Key(source, destination, concat.reference(), concat.total(), concat.sixteenBitReference());
        synchronized (this) {
            PartSet set = sets.get(key);
            if (set == null) {
                set = new PartSet(key, clock.instant(), dataCoding);
                sets.put(key, set);
                if (sets.size() > maxPendingSets) {
                    Iterator<PartSet> oldest = sets.values().iterator();
                    evicted.add(oldest.next().result());
                    oldest.remove();
                }
            }
            int index = concat.sequence() - 1;
            if (set.parts[index] != null) {
                return Optional.empty();
            }
            set.parts[index] = userData.clone();
            if (++set.present < set.parts.length) {
                return Optional.empty();
            }
            sets.remove(key);
            return Optional.of(set.result());
        }
    }

    /**
     * Forgets and returns, as incomplete, every set whose first part is at least {@code timeout} old, preceded by
     * any sets evicted since the last drain.
     */
    public synchronized List<ReassembledSms> expire() {
        List<ReassembledSms> out = new ArrayList<>(evicted);
        evicted.clear();
        Instant now = clock.instant();
        for (Iterator<PartSet> it = sets.values().iterator(); it.hasNext(); ) {
            PartSet set = it.next();
            if (!now.isBefore(set.started.plus(timeout))) {
                out.add(set.result());
                it.remove();
            }
        }
        return out;
    }

    /** Returns, and forgets, the sets evicted to stay within {@code maxPendingSets}. */
    public synchronized List<ReassembledSms> drainEvicted() {
        List<ReassembledSms> out = List.copyOf(evicted);
        evicted.clear();
        return out;
    }

    /** Incomplete sets held. */
    public synchronized int pending() {
        return sets.size();
    }

    private record Key(String source, String destination, int reference, int total, boolean sixteenBit) {
    }

    private static final class PartSet {
        final Key key;
        final Instant started;
        final int dataCoding;
        final byte[][] parts;
        int present;

        PartSet(Key key, Instant started, int dataCoding) {
            this.key = key;
            this.started = started;
            this.dataCoding = dataCoding;
            this.parts = new byte[key.total()][];
        }

        /**
         * Decodes the parts present. Each run of consecutive parts is joined and decoded on its own, so that
         * a gap never glues a dangling escape or half a surrogate pair to an unrelated byte.
         */
        ReassembledSms result() {
            StringBuilder text = new StringBuilder();
            List<Integer> missing = new ArrayList<>();
            int i = 0;
            while (i < parts.length) {
                if (parts[i] == null) {
                    missing.add(i + 1);
                    i++;
                    continue;
                }
                int runEnd = i;
                int length = 0;
                while (runEnd < parts.length && parts[runEnd] != null) {
                    length += parts[runEnd++].length;
                }
                byte[] run = new byte[length];
                for (int at = 0; i < runEnd; i++) {
                    System.arraycopy(parts[i], 0, run, at, parts[i].length);
                    at += parts[i].length;
                }
                text.append(SmsText.decode(run, 0, run.length, dataCoding));
            }
            return new ReassembledSms(key.source(), key.destination(), dataCoding, text.toString(), parts.length,
                    missing.isEmpty(), missing);
        }
    }
}
