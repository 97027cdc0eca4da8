package io.xsg.smpp.submit;

/**
 * The link's submit rate cap. Used by the submitter thread only, so it needs no locking, which is why it is these few
 * lines rather than a rate-limiter library built for concurrent callers. A burst of at most one second's tokens.
 */
final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(int perSecond, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.last = nowNanos;
    }

    boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token is due (0 when one is there). */
    long nanosUntilNext(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
    }
}
