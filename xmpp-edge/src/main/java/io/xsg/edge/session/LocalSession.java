package io.xsg.edge.session;

import io.netty.channel.Channel;
import io.xsg.edge.sasl.SessionServiceClient.Roster;
import io.xsg.edge.sm.StreamManagement;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.events.v1.SessionEntry;
import io.xsg.xmpp.stream.Nonzas;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

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
    /** The client asked for its roster: an interested resource (RFC 6121 §2.1.6), which gets roster pushes. */
    private boolean rosterAsked;
    /** The roster read at binding for the first get (see {@link #readRosterAhead}); null once over. */
    private CompletableFuture<Roster> rosterRead;
    private boolean rosterReadTaken;
    /** Drops an unused read after a while; cancelled once the read is taken or the session ends. */
    private Future<?> rosterReadExpiry;
    /** A roster IQ came for the client (withheld or written) while the read was out: {@link #rosterReadOvertaken}. */
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
        ENDED,
        /** a roster push for a client that has not asked for its roster (RFC 6121 §2.1.6): not written */
        WITHHELD
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
            // looked at only until the client asked for its roster and its one read is answered
            if ((rosterRead != null || !rosterAsked) && isServersRosterIq(xml)) {
                if (rosterRead != null) {
                    rosterReadOvertaken = true;
                }
                if (!rosterAsked && xml.substring(0, xml.indexOf('>')).contains("type='set'")) { // a push
                    return Outcome.WITHHELD;
                }
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
     * The roster, read from the session service right after binding (as a single-process server loads it then), for
     * the session's first roster get: the client does not wait for the read. The directory lists the session as
     * taking roster pushes from its binding on, so that no change falls between the read and the pushes; until the
     * client asks, this session withholds them (it is not yet an interested resource).
     */
    public synchronized void readRosterAhead(CompletableFuture<Roster> read, Future<?> expiry) {
        if (!rosterAsked && rosterRead == null && !ended) {
            rosterRead = read;
            rosterReadExpiry = expiry;
        } else {
            expiry.cancel(false);
        }
    }

    /**
     * The client asked for its roster: it gets roster pushes from now on.
     *
     * @param own whether the get is for its own roster (no {@code to}, or its bare JID)
     * @return the read done at binding when this get may be answered from it (the session's first own get, before it
     *         sent a stanza the session service handles in order); null for the Kafka way
     */
    public synchronized CompletableFuture<Roster> rosterAsked(boolean own) {
        if (!own) {
            return null; // a get to the server itself is not a roster get: routing answers it
        }
        rosterAsked = true;
        if (rosterRead == null || rosterReadTaken) {
            return null;
        }
        rosterReadTaken = true;
        cancelRosterReadExpiry();
        return rosterRead;
    }

    /**
     * Ends the roster read {@link #rosterAsked} handed out: true if a roster IQ (a push, a result) came for the client
     * while it was out, which may tell of a change the read does not have.
     */
    public synchronized boolean rosterReadOvertaken() {
        rosterRead = null;
        return rosterReadOvertaken;
    }

    /**
     * The session sent a stanza the session service handles in order (a roster set or subscription still in Kafka
     * would be missing from the read), or its client did not ask in time: its roster gets go the Kafka way.
     */
    public synchronized void noRosterRead() {
        if (!rosterReadTaken) {
            rosterRead = null;
            cancelRosterReadExpiry();
        }
    }

    private void cancelRosterReadExpiry() {
        if (rosterReadExpiry != null) {
            rosterReadExpiry.cancel(false);
            rosterReadExpiry = null;
        }
    }

    /**
     * A roster IQ of the server's (a push, a result) as the session service writes it: the roster namespace and no
     * {@code from}. An IQ of that namespace from another entity is not one, and is the client's to answer.
     */
    static boolean isServersRosterIq(String xml) {
        if (!xml.startsWith("<iq") || !xml.contains("jabber:iq:roster")) {
            return false;
        }
        int end = xml.indexOf('>');
        return end > 0 && !xml.substring(0, end).contains(" from=");
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
        rosterRead = null;
        cancelRosterReadExpiry();
        return sm == null ? List.of() : sm.toResend();
    }
}
