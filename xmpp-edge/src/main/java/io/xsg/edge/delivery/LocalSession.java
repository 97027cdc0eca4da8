package io.xsg.edge.delivery;

import io.netty.channel.Channel;
import io.xsg.edge.sm.StreamManagement;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.events.v1.SessionEntry;
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

    /**
     * Writes a stanza to the client, counting it for Stream Management; while detached it is only kept for a
     * resumption. Safe from any thread.
     *
     * @return false when the client has left more unacknowledged than allowed (the caller ends the session)
     */
    public boolean deliver(String xml) {
        Channel target;
        boolean askAck;
        synchronized (this) {
            if (ended) {
                return true;
            }
            if (sm != null) {
                sm.sent(xml);
                if (sm.pending() > maxUnacked) {
                    return false;
                }
            }
            if (detached) {
                return true;
            }
            target = channel;
            askAck = sm != null && sm.requestAck();
        }
        if (traffic.isDebugEnabled()) {
            traffic.debug("out {} {}", entry.fullJid(), xml);
        }
        StreamOutput.deliver(target, askAck ? xml + StreamManagement.request() : xml);
        return true;
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

    /**
     * Moves the session to a new channel: acknowledges what the client says it got and returns what must be sent
     * again, in order. The caller writes {@code <resumed/>} and then those.
     */
    public synchronized List<String> resume(Channel newChannel, long clientHandled) {
        channel = newChannel;
        detached = false;
        generation++;
        if (!sm.acknowledge(clientHandled)) {
            return null;
        }
        sm.resumed();
        return sm.unacknowledged();
    }

    /** Marks the session over; returns the stanzas it never got acknowledged, or null if it had ended already. */
    public synchronized List<String> end() {
        if (ended) {
            return null;
        }
        ended = true;
        return sm == null ? List.of() : sm.unacknowledged();
    }
}
