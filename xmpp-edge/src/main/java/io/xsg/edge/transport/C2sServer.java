package io.xsg.edge.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.xsg.edge.stream.ClientStream;
import io.xsg.edge.stream.InputGate;
import io.xsg.edge.stream.StreamContext;
import io.xsg.edge.stream.StreamKeepalive;
import io.xsg.edge.stream.StreamNegotiationHandler;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.edge.stream.XmppStreamDecoder;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listeners: STARTTLS on {@code gateway.xmpp.c2s.port} (5222) and Direct TLS (XEP-0368) on
 * {@code direct-tls-port} (5223). Pipeline per connection: [tls] → idle → keepalive → xmpp-decoder → input-gate →
 * negotiation, which gives way to stream-management → bound-stream once the stream has a session.
 */
public final class C2sServer {

    private static final Logger log = LoggerFactory.getLogger(C2sServer.class);

    private final StreamContext context;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private int port = -1;
    private int directTlsPort = -1;

    public C2sServer(StreamContext context) {
        this.context = context;
    }

    public void start() throws InterruptedException {
        var c2s = context.properties().c2s();
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        port = bind(c2s.bindAddress(), c2s.port(), false);
        if (c2s.directTlsPort() >= 0) {
            directTlsPort = bind(c2s.bindAddress(), c2s.directTlsPort(), true);
        }
        log.info("XMPP c2s for {} listening on {} (STARTTLS) and {} (Direct TLS), edge {}", context.domain(), port,
                directTlsPort, context.identity().edgeId());
    }

    private int bind(String address, int port, boolean directTls) throws InterruptedException {
        var c2s = context.properties().c2s();
        var bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(64 * 1024, StreamOutput.MAX_PENDING_OUTPUT_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var decoder = new XmppStreamDecoder(context.limits());
                        var stream = ClientStream.attach(ch, context.domain());
                        if (directTls) {
                            ch.pipeline().addLast("tls", context.tls().newHandler(ch.alloc(), false));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(c2s.idleTimeout().toMillis(),
                                c2s.keepaliveInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(StreamKeepalive.NAME, new StreamKeepalive(stream));
                        ch.pipeline().addLast(XmppStreamDecoder.NAME, decoder);
                        ch.pipeline().addLast(InputGate.NAME, new InputGate());
                        ch.pipeline().addLast(StreamNegotiationHandler.NAME,
                                new StreamNegotiationHandler(context, decoder, stream, directTls));
                    }
                });
        Channel channel = bootstrap.bind(address, port).sync().channel();
        listeners.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public int port() {
        return port;
    }

    public int directTlsPort() {
        return directTlsPort;
    }

    public boolean isBound() {
        return !listeners.isEmpty() && listeners.stream().allMatch(Channel::isActive);
    }

    /** Stops accepting, then ends every stream with {@code system-shutdown}. */
    public void stop() {
        listeners.forEach(c -> c.close().syncUninterruptibly());
        listeners.clear();
        for (var session : context.sessions().all()) {
            ClientStream.of(session.channel()).fail(StreamErrorCondition.SYSTEM_SHUTDOWN, null);
        }
        if (workers != null) {
            workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
