package io.xsg.smsc.server;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/** Fault injection state shared by every session: an unresponsive SMSC and a number of forced failures. */
public final class Faults {
    private final AtomicBoolean unresponsive = new AtomicBoolean();
    private int failuresLeft;
    private int failureStatus;

    public void setUnresponsive(boolean enabled) {
        unresponsive.set(enabled);
    }

    public boolean unresponsive() {
        return unresponsive.get();
    }

    /** The next {@code count} submit_sm get {@code commandStatus}; replaces any plan not yet used up. */
    public synchronized void failNext(int count, int commandStatus) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (count > 0 && commandStatus == 0) {
            throw new IllegalArgumentException("commandStatus must be an error status, not 0");
        }
        failuresLeft = count;
        failureStatus = commandStatus;
    }

    /** Takes one planned failure, if any is left. */
    public synchronized OptionalInt takeFailure() {
        if (failuresLeft == 0) {
            return OptionalInt.empty();
        }
        failuresLeft--;
        return OptionalInt.of(failureStatus);
    }

    public synchronized int failuresLeft() {
        return failuresLeft;
    }
}
