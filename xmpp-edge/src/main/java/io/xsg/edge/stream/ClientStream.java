package io.xsg.edge.stream;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of one client connection's XML stream, shared by the handlers that take turns on it (negotiation, then the
 * bound stream): its id, whether our header went out, and how it ends. Kept on the channel so that whoever ends a
 * stream from outside (a replacement, a delivery, a shutdown) ends it the same way. Event loop only, except
 * {@link #fail}.
 */
public final class ClientStream {

    private static final Logger log = LoggerFactory.getLogger(ClientStream.class);
    private static final AttributeKey<ClientStream> KEY = AttributeKey.valueOf(ClientStream.class.getName());
    /** How long a client that closed its stream gets to close the TCP connection after our closing tag. */
    static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Channel channel;
    private final String domain;
    /** A server-to-server stream (inbound): {@code jabber:server} header naming {@link #peer} once it is known. */
    private final boolean server;
    private String peer;
    private String id = newId();
    private boolean headerSent;
    private boolean closing;

    private ClientStream(Channel channel, String domain, boolean server) {
        this.channel = channel;
        this.domain = domain;
        this.server = server;
    }

    /** The stream of a new connection, attached to its channel. */
    public static ClientStream attach(Channel channel, String domain) {
        var stream = new ClientStream(channel, domain, false);
        channel.attr(KEY).set(stream);
        return stream;
    }

    /** The stream of a new inbound server-to-server connection (RFC 6120 §4.7, XEP-0220), attached to its channel. */
    public static ClientStream attachServer(Channel channel, String domain) {
        var stream = new ClientStream(channel, domain, true);
        channel.attr(KEY).set(stream);
        return stream;
    }

    /** The peer server's domain, named in our header's {@code to} (s2s only). */
    public void peer(String peerDomain) {
        this.peer = peerDomain;
    }

    /** The stream on a channel, or null for a channel that is not a client stream. */
    public static ClientStream of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public Channel channel() {
        return channel;
    }

    public String id() {
        return id;
    }

    public String domain() {
        return domain;
    }

    public boolean headerSent() {
        return headerSent;
    }

    public boolean closing() {
        return closing;
    }

    /**
     * Writes our stream header; a restarted stream gets a new one with a new id (RFC 6120 §4.3.3). Not flushed: the
     * features or the stream error that always follow go out with it in one TCP segment (clients that take the first
     * segment for the whole answer, as Tsung does, then send STARTTLS before the features arrive and read them as
     * the TLS handshake).
     */
    public void open() {
        if (headerSent) {
            id = newId();
        }
        channel.write(ByteBufUtil.writeUtf8(channel.alloc(), header()));
        headerSent = true;
    }

    private String header() {
        return server ? StreamOutput.serverHeader(domain, peer, id) : StreamOutput.header(domain, id);
    }

    public ChannelFuture write(String xml) {
        return StreamOutput.write(channel, xml);
    }

    /** Ends the stream with a stream error (RFC 6120 §4.9) and closes the connection; safe from any thread. */
    public void fail(StreamErrorCondition condition, String text) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> fail(condition, text));
            return;
        }
        if (closing || !channel.isActive()) {
            return;
        }
        closing = true;
        log.debug("stream {} from {} ends with {}: {}", id, remoteAddress(), condition, text);
        StreamOutput.fail(channel, headerSent ? "" : header(), condition, text);
        headerSent = true;
    }

    /** Ends the stream without an error: {@code last} (may be empty), our closing tag, then the connection. */
    public void close(String last) {
        closing = true;
        write(last + "</stream:stream>").addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The client closed its stream. RFC 6120 §4.4: the side that closed first ends the TCP connection once it has our
     * closing tag; we end it ourselves only if it does not (closing at once can cut our tag off in a client's TLS
     * layer).
     */
    public void closedByClient() {
        log.debug("stream {} closed by the client", id);
        closing = true;
        write("</stream:stream>").addListener(f -> channel.eventLoop().schedule(
                () -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
    }

    public String remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown";
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
