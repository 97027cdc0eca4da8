package io.xsg.smpp.submit;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * The handset lanes of one link and the two lines they wait in: ready to send now, or resting after a refusal until
 * their {@code notBeforeNanos}. Used by the submitter thread only.
 */
final class Lanes {

    private final Map<String, Lane> byHandset = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final PriorityQueue<Lane> resting = new PriorityQueue<>((a, b) -> Long.compare(a.notBeforeNanos,
            b.notBeforeNanos));

    void add(OutgoingSms sms, long now) {
        Lane lane = byHandset.computeIfAbsent(sms.request.destination(), h -> new Lane(h, now));
        lane.queue.addLast(sms);
        schedule(lane, now);
    }

    /** Puts a lane that is not waiting for a response in line: now, or once its rest is over. */
    void schedule(Lane lane, long now) {
        if (lane.inFlight || lane.scheduled) {
            return;
        }
        if (lane.current == null && lane.queue.isEmpty()) {
            byHandset.remove(lane.handset, lane);
            return;
        }
        lane.scheduled = true;
        if (lane.notBeforeNanos - now > 0) {
            resting.add(lane);
        } else {
            ready.addLast(lane);
        }
    }

    boolean owns(Lane lane) {
        return byHandset.get(lane.handset) == lane;
    }

    void promote(long now) {
        while (!resting.isEmpty() && resting.peek().notBeforeNanos - now <= 0) {
            ready.addLast(resting.poll());
        }
    }

    /** The lane first in line to send, or {@code null}. */
    Lane peekReady() {
        return ready.peekFirst();
    }

    /** Takes the first ready lane out of line (it is about to send, or has nothing left). */
    void takeReady() {
        Lane lane = ready.pollFirst();
        if (lane != null) {
            lane.scheduled = false;
            if (lane.current == null && lane.queue.isEmpty() && !lane.inFlight) {
                byHandset.remove(lane.handset, lane);
            }
        }
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    boolean hasResting() {
        return !resting.isEmpty();
    }

    /** Nanoseconds until the next rest ends, or {@code Long.MAX_VALUE}. */
    long nanosUntilNextRestEnds(long now) {
        Lane next = resting.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.notBeforeNanos - now);
    }

    /** Ends every rest now (the link is bound again: no reason to wait out a back-off meant for an outage). */
    void wakeAll(long now) {
        while (!resting.isEmpty()) {
            Lane lane = resting.poll();
            lane.notBeforeNanos = now;
            ready.addLast(lane);
        }
    }

    List<Lane> all() {
        return List.copyOf(byHandset.values());
    }

    /**
     * Forgets what came from revoked partitions: queued messages go, and one with the SMSC is marked orphan so its
     * response is ignored. The new owner redoes them from the committed offsets.
     */
    void revoke(Collection<TopicPartition> revoked) {
        for (Lane lane : byHandset.values()) {
            lane.queue.removeIf(sms -> revoked.contains(sms.partition));
            if (lane.current != null && revoked.contains(lane.current.partition)) {
                lane.current.orphan = true;
                lane.current = null;
            }
        }
        ready.removeIf(lane -> emptied(lane));
        resting.removeIf(lane -> emptied(lane));
        byHandset.values().removeIf(lane -> lane.current == null && lane.queue.isEmpty() && !lane.inFlight
                && !lane.scheduled);
    }

    private static boolean emptied(Lane lane) {
        if (lane.current == null && lane.queue.isEmpty()) {
            lane.scheduled = false;
            return true;
        }
        return false;
    }
}
