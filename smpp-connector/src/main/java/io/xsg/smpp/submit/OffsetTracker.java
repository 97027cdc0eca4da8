package io.xsg.smpp.submit;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition are done, so that only a contiguous prefix is ever committed: handsets finish out
 * of order, and committing past an unfinished record would lose it on a restart. Single-threaded.
 */
final class OffsetTracker {

    private static final class Partition {
        final ArrayDeque<Long> open = new ArrayDeque<>();
        final Set<Long> done = new HashSet<>();
        long committable = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    void received(TopicPartition tp, long offset) {
        partitions.computeIfAbsent(tp, k -> new Partition()).open.addLast(offset);
    }

    void done(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p == null) {
            return; // revoked meanwhile; the new owner redoes it
        }
        p.done.add(offset);
        while (!p.open.isEmpty() && p.done.remove(p.open.peekFirst())) {
            p.committable = p.open.pollFirst() + 1;
        }
    }

    /** How many records of the partition are not done yet. */
    int pending(TopicPartition tp) {
        Partition p = partitions.get(tp);
        return p == null ? 0 : p.open.size();
    }

    /** Offsets that advanced since the last call, to commit. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, p) -> {
            if (p.committable > p.committed) {
                out.put(tp, new OffsetAndMetadata(p.committable));
                p.committed = p.committable;
            }
        });
        return out;
    }

    int totalPending() {
        int n = 0;
        for (Partition p : partitions.values()) {
            n += p.open.size();
        }
        return n;
    }

    void forget(TopicPartition tp) {
        partitions.remove(tp);
    }
}
