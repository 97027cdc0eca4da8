package io.xsg.edge.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlLimits;
import io.xsg.xmpp.xml.XmlStreamException;
import io.xsg.xmpp.xml.XmlStreamListener;
import io.xsg.xmpp.xml.XmlStreamParser;

/**
 * Turns bytes into {@link StreamEvent}s with the non-blocking parser of xmpp-core, enforcing its limits. Sits right
 * after the TLS handler (if any). A stream restart (after STARTTLS or SASL) calls {@link #restart()}, which drops
 * the old parser: RFC 6120 §4.3.3 says the new stream starts from a clean state.
 */
public final class XmppStreamDecoder extends ChannelInboundHandlerAdapter {

    public static final String NAME = "xmpp-decoder";

    private final XmlLimits limits;
    private XmlStreamParser parser;
    private ChannelHandlerContext ctx;
    private boolean failed;
    /**
     * Direct buffers are copied into a per-thread array before feeding: the parser consumes a chunk completely
     * before {@code feed} returns, so one array per event loop serves all its connections instead of one each.
     */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[8192]});

    public XmppStreamDecoder(XmlLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.parser = newParser();
    }

    /** Starts a fresh stream; must be called on the channel's event loop. */
    public void restart() {
        parser = newParser();
    }

    /**
     * Each parser speaks only while it is the current one: after a restart, whatever the old parser still finds in
     * the same read is dropped. RFC 6120 §5.4.3.3: nothing sent after {@code <starttls/>} in the clear may count
     * (a man in the middle could otherwise append an {@code <auth/>} that would pass as encrypted).
     */
    private XmlStreamParser newParser() {
        XmlStreamParser[] self = new XmlStreamParser[1];
        self[0] = new XmlStreamParser(limits, new XmlStreamListener() {
            @Override
            public void onStreamOpen(StreamHeader header) {
                if (parser == self[0]) {
                    ctx.fireChannelRead(new StreamEvent.Opened(header));
                }
            }

            @Override
            public void onElement(XmlElement element) {
                if (parser == self[0]) {
                    ctx.fireChannelRead(new StreamEvent.Element(element));
                }
            }

            @Override
            public void onStreamClose() {
                if (parser == self[0]) {
                    ctx.fireChannelRead(new StreamEvent.Closed());
                }
            }
        });
        return self[0];
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        XmlStreamParser current = parser;
        try {
            if (failed) {
                return; // the stream is ending: whatever else comes is discarded
            }
            int len = buf.readableBytes();
            byte[] bytes;
            int offset;
            if (buf.hasArray()) {
                bytes = buf.array();
                offset = buf.arrayOffset() + buf.readerIndex();
            } else {
                byte[][] holder = SCRATCH.get();
                if (holder[0].length < len) {
                    holder[0] = new byte[len];
                }
                bytes = holder[0];
                buf.getBytes(buf.readerIndex(), bytes, 0, len);
                offset = 0;
            }
            current.feed(bytes, offset, len);
        } catch (XmlStreamException e) {
            if (current != parser) {
                return; // the old stream's leftovers broke the old parser: they are discarded anyway
            }
            failed = true;
            ctx.fireChannelRead(new StreamEvent.Failed(e.condition(), e.getMessage()));
        } finally {
            buf.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (parser != null) {
            parser.close();
        }
    }
}
