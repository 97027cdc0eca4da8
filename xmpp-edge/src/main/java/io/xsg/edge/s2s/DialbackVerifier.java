package io.xsg.edge.s2s;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.xsg.xmpp.error.StanzaErrorCondition;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving server's half of Server Dialback (XEP-0220 §2.2): a key a peer sent for a domain is checked with that
 * domain's authoritative server, found as any server of the domain is (DNS SRV or the static hosts), over a stream
 * of its own that carries one {@code <db:verify/>}. Asking the domain's own DNS-named server, not the connecting
 * peer, is what makes dialback proof of the domain.
 */
final class DialbackVerifier {

    private static final Logger log = LoggerFactory.getLogger(DialbackVerifier.class);

    enum Outcome { VALID, INVALID, UNREACHABLE }

    private final S2sConnector connector;
    private final long timeoutMillis;

    DialbackVerifier(S2sConnector connector, long timeoutMillis) {
        this.connector = connector;
        this.timeoutMillis = timeoutMillis;
    }

    /** Calls {@code done} once, on {@code loop}. */
    void verify(EventLoop loop, String receiving, String originating, String streamId, String key,
                Consumer<Outcome> done) {
        boolean[] answered = new boolean[1];
        Consumer<Outcome> once = outcome -> {
            if (!answered[0]) {
                answered[0] = true;
                done.accept(outcome);
            }
        };
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            log.warn("s2s: the authoritative server of {} did not answer within {} ms", originating, timeoutMillis);
            once.accept(Outcome.UNREACHABLE);
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        connector.open(loop, receiving, originating, new OutgoingStreamHandler.Verify(streamId, key),
                new OutgoingStreamHandler.Listener() {
                    @Override
                    public void verified(boolean valid) {
                        timeout.cancel(false);
                        once.accept(valid ? Outcome.VALID : Outcome.INVALID);
                    }

                    @Override
                    public void failed(StanzaErrorCondition condition, String reason) {
                        timeout.cancel(false);
                        log.warn("s2s: cannot ask the authoritative server of {}: {}", originating, reason);
                        once.accept(Outcome.UNREACHABLE);
                    }
                });
    }
}
