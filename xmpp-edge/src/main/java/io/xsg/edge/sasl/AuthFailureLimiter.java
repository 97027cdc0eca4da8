package io.xsg.edge.sasl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xsg.edge.config.EdgeProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock a user out. Failures are counted per client address and
 * per (address, account) in a window that starts at the first failure. An address past its limit is refused for the
 * rest of the window, whatever account it names. An address that failed for an account waits before each further
 * attempt for it, {@code failure-delay} doubled at each failure up to {@code max-failure-delay}: guessing slows to
 * a crawl, while the account's owner, from an address that has not failed, logs in at once. Per edge instance: a
 * distributed attacker meets each edge's limits separately, which still bounds the rate.
 */
@Component
public class AuthFailureLimiter {

    private final Cache<String, AtomicInteger> byAddress;
    private final Cache<String, AtomicInteger> byAddressAndAccount;
    private final int maxPerAddress;
    private final Duration failureDelay;
    private final Duration maxFailureDelay;

    public AuthFailureLimiter(EdgeProperties properties) {
        var auth = properties.auth();
        this.maxPerAddress = auth.maxFailuresPerAddress();
        this.failureDelay = auth.failureDelay();
        this.maxFailureDelay = auth.maxFailureDelay();
        this.byAddress = Caffeine.newBuilder().expireAfterWrite(auth.failureWindow()).maximumSize(1_000_000).build();
        this.byAddressAndAccount = Caffeine.newBuilder().expireAfterWrite(auth.failureWindow())
                .maximumSize(1_000_000).build();
    }

    public boolean addressBlocked(String address) {
        AtomicInteger n = byAddress.getIfPresent(address);
        return n != null && n.get() >= maxPerAddress;
    }

    /** How long this address waits before its credentials for this account are checked: zero until it failed. */
    public Duration delay(String address, String account) {
        AtomicInteger n = byAddressAndAccount.getIfPresent(key(address, account));
        int failures = n == null ? 0 : n.get();
        if (failures == 0) {
            return Duration.ZERO;
        }
        Duration d = failureDelay.multipliedBy(1L << Math.min(failures - 1, 30));
        return d.compareTo(maxFailureDelay) > 0 ? maxFailureDelay : d;
    }

    public void recordFailure(String address, String accountOrNull) {
        byAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
        if (accountOrNull != null) {
            byAddressAndAccount.get(key(address, accountOrNull), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static String key(String address, String account) {
        return address + '\n' + account;
    }
}
