package io.xsg.edge.stream;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlWriter;

/** Writes the server's side of a client stream. */
public final class StreamOutput {

    /**
     * Output queued for one client beyond which it is taken as not reading (a dead handset, or an attacker with a
     * zero TCP window) and its stream is closed, rather than letting it fill the edge's memory.
     */
    public static final int MAX_PENDING_OUTPUT_BYTES = 1024 * 1024;

    private StreamOutput() {
    }

    public static String header(String domain, String streamId) {
        return "<?xml version='1.0'?><stream:stream xmlns='" + Namespaces.CLIENT + "' xmlns:stream='"
                + Namespaces.STREAMS + "' from='" + domain + "' id='" + streamId
                + "' version='1.0' xml:lang='en'>";
    }

    /**
     * The header of a server-to-server stream (RFC 6120 §4.7, XEP-0220 §2.1): {@code jabber:server} with the dialback
     * namespace declared; {@code to} (the peer's domain) when the peer named itself, {@code id} only when we are the
     * receiving side.
     */
    public static String serverHeader(String from, String to, String streamId) {
        var out = new StringBuilder("<?xml version='1.0'?><stream:stream xmlns='").append(Namespaces.SERVER)
                .append("' xmlns:db='").append(Namespaces.DIALBACK).append("' xmlns:stream='")
                .append(Namespaces.STREAMS).append("' from='");
        XmlWriter.appendEscapedAttribute(from, out);
        out.append('\'');
        if (to != null) {
            out.append(" to='");
            XmlWriter.appendEscapedAttribute(to, out);
            out.append('\'');
        }
        if (streamId != null) {
            out.append(" id='").append(streamId).append('\'');
        }
        return out.append(" version='1.0'>").toString();
    }

    public static ChannelFuture write(Channel channel, String xml) {
        return channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
    }

    /** Writes a delivery, or ends the stream if the client has stopped reading. */
    public static void deliver(Channel channel, String xml) {
        if (!channel.isWritable()) {
            channel.eventLoop().execute(() -> {
                if (channel.isActive()) {
                    // the error is a courtesy it will likely never read: close without waiting for the flush
                    channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), StreamErrorCondition.POLICY_VIOLATION
                            .toXml("more than " + MAX_PENDING_OUTPUT_BYTES + " bytes unread") + "</stream:stream>"));
                    channel.close();
                }
            });
            return;
        }
        write(channel, xml);
    }

    public static ChannelFuture write(Channel channel, XmlElement element) {
        return write(channel, XmlWriter.toXml(element, Namespaces.CLIENT));
    }

    /**
     * Ends the stream with an error (RFC 6120 §4.9): the header first if the client never got one, the error, the
     * closing tag, then the TCP connection once it is flushed.
     */
    public static void fail(Channel channel, boolean headerSent, String domain, String streamId,
                            StreamErrorCondition condition, String text) {
        fail(channel, headerSent ? "" : header(domain, streamId), condition, text);
    }

    /** As above, with the header to send first when the peer never got one ({@code ""} when it did). */
    public static void fail(Channel channel, String headerIfUnsent, StreamErrorCondition condition, String text) {
        String out = headerIfUnsent + condition.toXml(text) + "</stream:stream>";
        write(channel, out).addListener(ChannelFutureListener.CLOSE);
    }
}
