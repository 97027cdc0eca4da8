package io.xsg.smpp.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsOneSecondsBurstThenTheConfiguredRate() {
        long t = -5_000_000_000L; // nanoTime may be negative
        var bucket = new TokenBucket(10, t);
        int burst = 0;
        while (bucket.tryAcquire(t)) {
            burst++;
        }
        assertThat(burst).isEqualTo(10);
        assertThat(bucket.nanosUntilNext(t)).isBetween(99_000_000L, 100_000_000L);
        assertThat(bucket.tryAcquire(t + 50_000_000L)).isFalse();
        assertThat(bucket.tryAcquire(t + 100_000_000L)).isTrue();
    }
}
