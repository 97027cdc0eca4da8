package io.xsg.edge.delivery;

import io.netty.channel.Channel;
import io.xsg.events.v1.SessionEntry;

/**
 * A bound client stream on this edge. Mutable only in its directory entry (presence), which changes on the
 * channel's event loop.
 */
public final class LocalSession {

    private final Channel channel;
    private volatile SessionEntry entry;

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
}
