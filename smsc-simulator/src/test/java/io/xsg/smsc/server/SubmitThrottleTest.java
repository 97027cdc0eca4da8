package io.xsg.smsc.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmitThrottleTest {
    private static final long MS = 1_000_000L;

    @Test
    void allowsTheLimitWithinAnySecondAndRefusesTheRest() {
        SubmitThrottle throttle = new SubmitThrottle(3);
        assertThat(throttle.tryAcquire(0)).isTrue();
        assertThat(throttle.tryAcquire(100 * MS)).isTrue();
        assertThat(throttle.tryAcquire(200 * MS)).isTrue();
        assertThat(throttle.tryAcquire(300 * MS)).isFalse();
        // the first submit leaves the window one second after it was accepted
        assertThat(throttle.tryAcquire(999 * MS)).isFalse();
        assertThat(throttle.tryAcquire(1_000 * MS)).isTrue();
        assertThat(throttle.tryAcquire(1_050 * MS)).isFalse();
    }

    @Test
    void refusedSubmitsDoNotCount() {
        SubmitThrottle throttle = new SubmitThrottle(1);
        assertThat(throttle.tryAcquire(0)).isTrue();
        for (int i = 1; i < 10; i++) {
            assertThat(throttle.tryAcquire(i * 100 * MS)).isFalse();
        }
        assertThat(throttle.tryAcquire(1_000 * MS)).isTrue();
    }

    @Test
    void zeroMeansNoLimit() {
        SubmitThrottle throttle = new SubmitThrottle(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(throttle.tryAcquire(i)).isTrue();
        }
    }
}
