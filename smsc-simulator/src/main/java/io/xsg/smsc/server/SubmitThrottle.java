package io.xsg.smsc.server;

import java.util.ArrayDeque;

/**
 * Sliding one-second window of accepted submits for one bind. A sliding window, not a counter reset
 * every second, so a burst of {@code limit + k} submits inside one second always sees exactly
 * {@code k} refusals, whatever the wall-clock second boundary.
 */
final class SubmitThrottle {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int limit;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    /** @param limit submits per second; 0 disables throttling */
    SubmitThrottle(int limit) {
        this.limit = limit;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        if (limit == 0) {
            return true;
        }
        while (!accepted.isEmpty() && nowNanos - accepted.peekFirst() >= WINDOW_NANOS) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            return false;
        }
        accepted.addLast(nowNanos);
        return true;
    }
}
