package io.xsg.edge.sasl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xsg.edge.config.EdgeProperties;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications per client address and per account in a fixed window that starts at the first
 * failure. Past either limit, attempts are refused without checking the credentials, so guessing gains nothing.
 * Per edge instance: a distributed attacker meets each edge's limit separately, which still bounds the rate.
 */
@Component
public class AuthFailureLimiter {

    private final Cache<String, AtomicInteger> byAddress;
    private final Cache<String, AtomicInteger> byAccount;
    private final int maxPerAddress;
    private final int maxPerAccount;

    public AuthFailureLimiter(EdgeProperties properties) {
        var auth = properties.auth();
        this.maxPerAddress = auth.maxFailuresPerAddress();
        this.maxPerAccount = auth.maxFailuresPerAccount();
        this.byAddress = Caffeine.newBuilder().expireAfterWrite(auth.failureWindow()).maximumSize(1_000_000).build();
        this.byAccount = Caffeine.newBuilder().expireAfterWrite(auth.failureWindow()).maximumSize(1_000_000).build();
    }

    public boolean addressBlocked(String address) {
        AtomicInteger n = byAddress.getIfPresent(address);
        return n != null && n.get() >= maxPerAddress;
    }

    public boolean accountBlocked(String account) {
        AtomicInteger n = byAccount.getIfPresent(account);
        return n != null && n.get() >= maxPerAccount;
    }

    public void recordFailure(String address, String accountOrNull) {
        byAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
        if (accountOrNull != null) {
            byAccount.get(accountOrNull, k -> new AtomicInteger()).incrementAndGet();
        }
    }
}
