package io.xsg.edge.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.edge.config.EdgeProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

    private static EdgeProperties properties(int perAddress) {
        var auth = new EdgeProperties.Auth(URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(60),
                perAddress, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(5), 3);
        return new EdgeProperties("a.test", "edge-1", Path.of("data"), null, null, auth, null, null, Duration.ofSeconds(3),
                Duration.ofSeconds(1));
    }

    @Test
    void addressIsBlockedAtItsLimitAndOthersAreNot() {
        var limiter = new AuthFailureLimiter(properties(3));
        for (int i = 0; i < 2; i++) {
            limiter.recordFailure("10.0.0.1", "user" + i);
        }
        assertThat(limiter.addressBlocked("10.0.0.1")).isFalse();
        limiter.recordFailure("10.0.0.1", "user9");
        assertThat(limiter.addressBlocked("10.0.0.1")).isTrue();
        assertThat(limiter.addressBlocked("10.0.0.2")).isFalse();
    }

    @Test
    void failuresDelayOnlyTheAddressThatFailedForThatAccountDoublingUpToTheMaximum() {
        var limiter = new AuthFailureLimiter(properties(100));
        assertThat(limiter.delay("10.0.0.1", "joe")).isZero();
        limiter.recordFailure("10.0.0.1", "joe");
        assertThat(limiter.delay("10.0.0.1", "joe")).isEqualTo(Duration.ofSeconds(1));
        limiter.recordFailure("10.0.0.1", "joe");
        assertThat(limiter.delay("10.0.0.1", "joe")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 40; i++) {
            limiter.recordFailure("10.0.0.1", "joe");
        }
        assertThat(limiter.delay("10.0.0.1", "joe")).as("capped").isEqualTo(Duration.ofSeconds(5));
        assertThat(limiter.delay("10.0.0.2", "joe")).as("the owner elsewhere").isZero();
        assertThat(limiter.delay("10.0.0.1", "ann")).as("another account").isZero();
    }

    @Test
    void failureWithoutAKnownAccountCountsOnlyForTheAddress() {
        var limiter = new AuthFailureLimiter(properties(1));
        limiter.recordFailure("10.0.0.1", null);
        assertThat(limiter.addressBlocked("10.0.0.1")).isTrue();
    }
}
