package io.xsg.edge.sm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's Stream Management counters (XEP-0198): stanzas handled from the client, stanzas sent to it, and
 * those it has not acknowledged yet, in order. Counters wrap at 2^32 as the XEP says. Guarded by the owning
 * {@code LocalSession}'s lock: the session may move to another channel, on another event loop, when it resumes.
 */
public final class StreamManagement {

    private static final long MOD = 1L << 32;

    private final String resumptionId;
    private long handledInbound;
    private long sent;
    private long acknowledged;
    private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
    private boolean ackRequested;

    /** @param resumptionId the id a client resumes with, or {@code null} when resumption was not granted */
    public StreamManagement(String resumptionId) {
        this.resumptionId = resumptionId;
    }

    public String resumptionId() {
        return resumptionId;
    }

    public boolean resumable() {
        return resumptionId != null;
    }

    /** A stanza from the client was handled. */
    public void received() {
        handledInbound = (handledInbound + 1) % MOD;
    }

    /** The {@code h} to report: stanzas handled from the client. */
    public long handled() {
        return handledInbound;
    }

    /**
     * A stanza was sent (or queued, while detached) to the client.
     *
     * @param resendable whether it goes round again if the client never acknowledges it (not when other sessions of
     *                   the user got the same message)
     */
    public void sent(String xml, boolean resendable) {
        sent = (sent + 1) % MOD;
        unacked.addLast(new Sent(xml, resendable));
    }

    /**
     * The client acknowledged everything up to {@code h}; returns false if it claims more than was sent, which the
     * caller treats as a protocol error.
     */
    public boolean acknowledge(long h) {
        long newly = Math.floorMod(h - acknowledged, MOD);
        if (newly > unacked.size()) {
            return false;
        }
        for (long i = 0; i < newly; i++) {
            unacked.removeFirst();
        }
        acknowledged = h % MOD;
        ackRequested = false;
        return true;
    }

    public int pending() {
        return unacked.size();
    }

    /** The unacknowledged stanzas, oldest first: what a resumed stream gets again. */
    public List<String> unacknowledged() {
        List<String> out = new ArrayList<>(unacked.size());
        unacked.forEach(s -> out.add(s.xml()));
        return out;
    }

    /** The unacknowledged stanzas that should go elsewhere when the session ends unresumed, oldest first. */
    public List<String> toResend() {
        List<String> out = new ArrayList<>(unacked.size());
        unacked.forEach(s -> {
            if (s.resendable()) {
                out.add(s.xml());
            }
        });
        return out;
    }

    private record Sent(String xml, boolean resendable) {
    }

    /** True once per round trip: whether an {@code <r/>} should go out now. */
    public boolean requestAck() {
        if (ackRequested || unacked.isEmpty()) {
            return false;
        }
        ackRequested = true;
        return true;
    }

    /** After a resumption the old request died with the old stream. */
    public void resumed() {
        ackRequested = false;
    }
}
