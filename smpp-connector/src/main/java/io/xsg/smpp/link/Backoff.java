package io.xsg.smpp.link;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter between a floor and a ceiling, so that a fleet of connectors that lost
 * their SMSC together does not reconnect in step.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int failures;

    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** The delay before the next attempt: between half and all of min·2^failures, capped at max. */
    public Duration next() {
        long ceiling = minMillis << Math.min(failures, 20);
        ceiling = Math.min(Math.max(ceiling, minMillis), maxMillis);
        failures++;
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
