package io.xsg.edge.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.util.ArrayDeque;

/**
 * Holds a stream's input while an asynchronous answer (credentials, a directory write, a registration) is outstanding,
 * so that nothing the client sent next overtakes it, and owns the channel's auto-read: reading stops while paused or
 * while the stream handler throttles a client that is faster than Kafka. Stopping auto-read ends reading at the next
 * read, but the rest of the current one still arrives: that is what waits here, in order.
 */
public final class InputGate extends ChannelInboundHandlerAdapter {

    public static final String NAME = "input-gate";
    /** Elements a client may send ahead while waiting for an answer; more is abuse, not pipelining. */
    static final int MAX_HELD = 64;

    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean throttled;

    public static InputGate of(Channel channel) {
        return channel.pipeline().get(InputGate.class);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!paused || !(msg instanceof StreamEvent)) {
            ctx.fireChannelRead(msg);
            return;
        }
        held.add(msg);
        if (held.size() > MAX_HELD) {
            held.clear();
            paused = false;
            ctx.fireChannelRead(new StreamEvent.Failed(StreamErrorCondition.POLICY_VIOLATION,
                    "too much sent while an answer is pending"));
        }
    }

    /** Stops passing input on until {@link #resume}. */
    public void pause() {
        paused = true;
        updateAutoRead();
    }

    public boolean paused() {
        return paused;
    }

    /** Passes on what arrived while paused, in order, stopping if that pauses again; then reads again. */
    public void resume() {
        paused = false;
        while (!paused && !held.isEmpty() && ctx.channel().isActive()) {
            ctx.fireChannelRead(held.poll());
        }
        updateAutoRead();
    }

    /** Drops what is held: it was sent before a stream restart and belongs to the old stream. */
    public void discard() {
        held.clear();
    }

    /** Back-pressure: a client faster than Kafka waits in its TCP window, not in the edge's memory. */
    public void throttle(boolean on) {
        throttled = on;
        updateAutoRead();
    }

    private void updateAutoRead() {
        ctx.channel().config().setAutoRead(!paused && !throttled);
    }
}
