package io.xsg.smsc.handset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated handsets and their SMS threads, keyed by MSISDN as {@link io.xsg.smsc.SimAddress#msisdn()}
 * spells it. Thread-safe. Bounded, so a load test cannot exhaust the heap: each thread keeps its
 * newest {@value #MAX_MESSAGES_PER_HANDSET} messages, and the least recently active handset goes
 * beyond {@value #MAX_HANDSETS}.
 */
public final class Handsets {
    public static final int MAX_MESSAGES_PER_HANDSET = 500;
    public static final int MAX_HANDSETS = 10_000;
    static final int MAX_TRACKED_IDS = 200_000;

    // in order of last activity: append() moves a handset to the end
    private final Map<String, List<HandsetMessage>> threads = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<HandsetMessage>> eldest) {
            return size() > MAX_HANDSETS;
        }
    };
    // SMSC message id -> the MT it is a part of, so a receipt updates the status
    private final Map<String, MtParts> mtByMessageId = bounded();
    // outcomes of receipts that came before their message was complete
    private final Map<String, String> earlyOutcomes = bounded();
    private long nextId = 1;

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED_IDS;
            }
        };
    }

    /** Files a complete (or expired partial) MT; {@code messageIds} are the SMSC ids of its segments. */
    public synchronized HandsetMessage recordMt(String msisdn, String from, String text, int parts,
            List<String> messageIds, Instant at, boolean complete) {
        MtParts tracking = new MtParts(msisdn, nextId, List.copyOf(messageIds));
        for (String id : messageIds) {
            mtByMessageId.put(id, tracking);
            String outcome = earlyOutcomes.remove(id);
            if (outcome != null) {
                tracking.outcomes.put(id, outcome);
            }
        }
        String status = complete ? tracking.status() : "PARTIAL";
        return append(msisdn, Direction.MT, from, text, parts, at, status);
    }

    /** Files an MO the simulator is sending from {@code msisdn}. */
    public synchronized HandsetMessage recordMo(String msisdn, String to, String text, int parts, Instant at) {
        return append(msisdn, Direction.MO, to, text, parts, at, "SENDING");
    }

    /** Records the receipt outcome ({@code DELIVRD}, {@code UNDELIV}, ...) of one submitted segment. */
    public synchronized void receiptOutcome(String messageId, String stat) {
        MtParts tracking = mtByMessageId.get(messageId);
        if (tracking == null) {
            earlyOutcomes.put(messageId, stat);
            return;
        }
        tracking.outcomes.put(messageId, stat);
        replaceStatus(tracking.msisdn, tracking.handsetMessageId, tracking.status());
    }

    /** Sets the status of an MO (or any message) by its {@link HandsetMessage#id()}. */
    public synchronized void updateStatus(String msisdn, long handsetMessageId, String status) {
        replaceStatus(msisdn, handsetMessageId, status);
    }

    public synchronized List<HandsetSummary> handsets() {
        List<HandsetSummary> result = new ArrayList<>(threads.size());
        for (Map.Entry<String, List<HandsetMessage>> e : threads.entrySet()) {
            int mt = 0;
            int mo = 0;
            String lastMtFrom = "";
            Instant last = Instant.EPOCH;
            for (HandsetMessage m : e.getValue()) {
                if (m.direction() == Direction.MT) {
                    mt++;
                    lastMtFrom = m.peer();
                } else {
                    mo++;
                }
                last = m.at().isAfter(last) ? m.at() : last;
            }
            result.add(new HandsetSummary(e.getKey(), mt, mo, last, lastMtFrom));
        }
        result.sort(Comparator.comparing(HandsetSummary::lastActivity).reversed()
                .thenComparing(HandsetSummary::msisdn));
        return result;
    }

    /** The thread of {@code msisdn}, oldest first; empty for an unknown handset. */
    public synchronized List<HandsetMessage> messages(String msisdn) {
        List<HandsetMessage> thread = threads.get(msisdn);
        return thread == null ? List.of() : List.copyOf(thread);
    }

    public synchronized void clear() {
        threads.clear();
        mtByMessageId.clear();
        earlyOutcomes.clear();
    }

    private HandsetMessage append(String msisdn, Direction direction, String peer, String text, int parts, Instant at,
            String status) {
        Objects.requireNonNull(msisdn, "msisdn");
        HandsetMessage message = new HandsetMessage(nextId++, direction, peer, text, at, parts, status);
        List<HandsetMessage> thread = threads.remove(msisdn);
        if (thread == null) {
            thread = new ArrayList<>();
        }
        threads.put(msisdn, thread);
        thread.add(message);
        if (thread.size() > MAX_MESSAGES_PER_HANDSET) {
            thread.remove(0);
        }
        return message;
    }

    private void replaceStatus(String msisdn, long id, String status) {
        List<HandsetMessage> thread = threads.get(msisdn);
        if (thread == null) {
            return;
        }
        // threads are short and updates concern recent messages: scan from the newest end
        for (int i = thread.size() - 1; i >= 0; i--) {
            if (thread.get(i).id() == id) {
                thread.set(i, thread.get(i).withStatus(status));
                return;
            }
        }
    }

    /** The segments of one MT and the receipt outcomes seen so far. */
    private static final class MtParts {
        final String msisdn;
        final long handsetMessageId;
        final List<String> messageIds;
        final Map<String, String> outcomes = new HashMap<>();

        MtParts(String msisdn, long handsetMessageId, List<String> messageIds) {
            this.msisdn = msisdn;
            this.handsetMessageId = handsetMessageId;
            this.messageIds = messageIds;
        }

        /** The first failure seen wins; DELIVRD only once every part is delivered. */
        String status() {
            for (String id : messageIds) {
                String stat = outcomes.get(id);
                if (stat != null && !"DELIVRD".equals(stat)) {
                    return stat;
                }
            }
            return outcomes.size() >= messageIds.size() && !messageIds.isEmpty() ? "DELIVRD" : "SUBMITTED";
        }
    }
}
