package io.xsg.edge.session;

import io.netty.channel.Channel;
import io.xsg.edge.sm.StreamManagement;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.events.v1.SessionEntry;
import io.xsg.xmpp.stream.Nonzas;
import java.util.List;

/**
 * A bound client session on this edge. Its directory entry (presence) changes on the channel's event loop. With
 * Stream Management it may outlive its channel: detached, it keeps collecting what is delivered to it until the
 * client resumes on a new channel or the resumption window closes. Its Stream Management state and channel are
 * guarded by its own lock, since the channel (and event loop) can change under a delivery.
 */
public final class LocalSession {

    /** Every stanza written to a client, at DEBUG: {@code logging.level.io.xsg.edge.traffic=DEBUG} to follow one. */
    private static final org.slf4j.Logger traffic = org.slf4j.LoggerFactory.getLogger("io.xsg.edge.traffic");

    private volatile Channel channel;
    private volatile SessionEntry entry;
    private StreamManagement sm;
    private boolean detached;
    private boolean resumptionEnded;
    private boolean ended;
    /** See {@link #takeRosterRead}. */
    private boolean rosterReadable = true;
    /** A roster read is under way; whether a roster IQ was written meanwhile (see {@link #rosterReadOvertaken}). */
    private boolean rosterReading;
    private boolean rosterReadOvertaken;
    private volatile boolean replaced;
    private int maxUnacked = Integer.MAX_VALUE;
    /** Bumped by every detach and resume, so that an expiry timer of an earlier detachment does nothing. */
    private long generation;

    public LocalSession(Channel channel, SessionEntry entry) {
        this.channel = channel;
        this.entry = entry;
    }

    public Channel channel() {
        return channel;
    }

    public SessionEntry entry() {
        return entry;
    }

    public String sessionId() {
        return entry.sessionId();
    }

    public String fullJid() {
        return entry.fullJid();
    }

    void entry(SessionEntry entry) {
        this.entry = entry;
    }

    /** What became of a delivery. */
    public enum Outcome {
        /** written to the channel */
        WRITTEN,
        /** kept for a resumption: the session is detached */
        KEPT,
        /** the client has left more unacknowledged than allowed: the caller ends the session */
        OVERFLOW,
        /** the session is over: the caller sends the stanza elsewhere */
        ENDED
    }

    /**
     * Writes a stanza to the client, counting it for Stream Management; while detached it is only kept for a
     * resumption. Call it on the channel's event loop (see {@link #onEventLoop}): counting and writing in one place
     * keeps the count in the order of the wire, which acknowledgements depend on.
     *
     * @param resendable whether it goes elsewhere if the session ends before the client acknowledged it
     */
    public Outcome deliver(String xml, boolean resendable) {
        Channel target;
        boolean askAck;
        synchronized (this) {
            if (ended) {
                return Outcome.ENDED;
            }
            // looked at only during a session's one roster read, not on every delivery
            if (rosterReading && xml.startsWith("<iq") && xml.contains("jabber:iq:roster")) {
                rosterReadOvertaken = true;
            }
            if (sm != null) {
                sm.sent(xml, resendable);
                if (sm.pending() > maxUnacked) {
                    return Outcome.OVERFLOW;
                }
            }
            if (detached) {
                return Outcome.KEPT;
            }
            target = channel;
            askAck = sm != null && sm.requestAck();
        }
        if (traffic.isDebugEnabled()) {
            traffic.debug("out {} {}", entry.fullJid(), xml);
        }
        StreamOutput.deliver(target, askAck ? xml + Nonzas.smRequest() : xml);
        return Outcome.WRITTEN;
    }

    /**
     * Whether a roster get may be answered from the session service's read: only the session's first, and only before
     * it sent a stanza the session service handles in order (a roster set or subscription still in Kafka would be
     * missing from the read). Kept here rather than on the stream, so that a resumed stream does not start again.
     *
     * @return true once, for the get that takes the read
     */
    public synchronized boolean takeRosterRead() {
        boolean readable = rosterReadable;
        rosterReadable = false;
        rosterReading = readable;
        return readable;
    }

    /**
     * Ends the roster read {@link #takeRosterRead} started: true if a roster IQ (a push, a result) was written or kept
     * for the client while it was under way, which may tell of a change the read does not have.
     */
    public synchronized boolean rosterReadOvertaken() {
        rosterReading = false;
        return rosterReadOvertaken;
    }

    /** The session sent a stanza the session service handles in order: its roster gets go that way from now on. */
    public synchronized void noRosterRead() {
        rosterReadable = false;
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** A stanza of the server's own (answers, errors), on the event loop. */
    public Outcome deliver(String xml) {
        return deliver(xml, true);
    }

    /**
     * Runs a task on the event loop of the session's channel, following the session if it resumes onto a channel of
     * another loop before the task runs.
     */
    public void onEventLoop(Runnable task) {
        var loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        loop.execute(() -> {
            if (channel.eventLoop() != loop) {
                onEventLoop(task);
            } else {
                task.run();
            }
        });
    }

    /** Turns Stream Management on; {@code maxUnacked} bounds what a client may leave unacknowledged. */
    public synchronized void enable(StreamManagement state, int maxUnacked) {
        this.sm = state;
        this.maxUnacked = maxUnacked;
    }

    public synchronized StreamManagement sm() {
        return sm;
    }

    public synchronized boolean resumable() {
        return sm != null && sm.resumable() && !resumptionEnded && !ended;
    }

    /** A clean close, a replacement or a shutdown: this session will not be resumed. */
    public synchronized void endResumption() {
        resumptionEnded = true;
    }

    /** Replaced by a new binding of its full JID: over for good, and no unavailable presence on its behalf. */
    public synchronized void markReplaced() {
        replaced = true;
        resumptionEnded = true;
    }

    public boolean replaced() {
        return replaced;
    }

    /** Whether {@code ch} is still this session's channel (it is not once the session resumed elsewhere). */
    public boolean isOn(Channel ch) {
        return channel == ch;
    }

    /** The channel died: keep the session for a resumption; returns the detachment's generation. */
    public synchronized long detach() {
        detached = true;
        return ++generation;
    }

    public synchronized boolean detachedSince(long gen) {
        return detached && generation == gen && !ended;
    }

    public synchronized boolean detached() {
        return detached;
    }

    /** The answer to a {@code <resume/>}: what to send again, or that the client acknowledged more than it got. */
    public record Resumption(List<String> again, boolean badAcknowledgement) {
    }

    /**
     * Moves the session to a new channel: acknowledges what the client says it got and returns what must be sent
     * again, in order; the caller writes {@code <resumed/>} and then those. Nothing changes when it cannot resume:
     * null when the session is over or may not be resumed, a bad acknowledgement when the client claims more than
     * was sent.
     */
    public synchronized Resumption resume(Channel newChannel, long clientHandled) {
        if (ended || resumptionEnded || sm == null || !sm.resumable()) {
            return null;
        }
        if (!sm.acknowledge(clientHandled)) {
            return new Resumption(List.of(), true);
        }
        channel = newChannel;
        detached = false;
        generation++;
        sm.resumed();
        return new Resumption(sm.unacknowledged(), false);
    }

    /**
     * Marks the session over; returns the stanzas it never got acknowledged that should go elsewhere, or null if it
     * had ended already.
     */
    public synchronized List<String> end() {
        if (ended) {
            return null;
        }
        ended = true;
        return sm == null ? List.of() : sm.toResend();
    }
}
