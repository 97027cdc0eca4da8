package io.xsg.edge.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.xsg.xmpp.error.StreamErrorCondition;

/**
 * Turns the idle handler's events into stream behaviour: a client silent too long is gone
 * ({@code connection-timeout}); after write silence a whitespace keepalive (RFC 6120 §4.6.1) keeps NATs open.
 */
public final class StreamKeepalive extends ChannelInboundHandlerAdapter {

    public static final String NAME = "keepalive";

    private final ClientStream stream;

    public StreamKeepalive(ClientStream stream) {
        this.stream = stream;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (idle.state() == IdleState.READER_IDLE) {
            stream.fail(StreamErrorCondition.CONNECTION_TIMEOUT, "idle too long");
        } else if (idle.state() == IdleState.WRITER_IDLE && stream.headerSent() && !stream.closing()) {
            stream.write(" ");
        }
    }
}
