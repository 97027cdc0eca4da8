package io.xsg.smpp.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheCeilingAndResets() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        long[] ceilings = {100, 200, 400, 800, 1600, 2000, 2000};
        for (long ceiling : ceilings) {
            long d = backoff.next().toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void jitterSpreadsAFleetOfReconnects() {
        var seen = new java.util.HashSet<Long>();
        for (int i = 0; i < 50; i++) {
            var b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
            b.next();
            b.next();
            seen.add(b.next().toMillis());
        }
        assertThat(seen.size()).isGreaterThan(10);
    }
}
