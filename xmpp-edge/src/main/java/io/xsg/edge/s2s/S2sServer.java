package io.xsg.edge.s2s;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.xsg.edge.stream.ClientStream;
import io.xsg.edge.stream.InputGate;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.edge.stream.XmppStreamDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server-to-server listeners: STARTTLS on {@code gateway.xmpp.s2s.port} (5269) and Direct TLS (XEP-0368) on
 * {@code direct-tls-port}. Pipeline per connection: [tls] → idle → xmpp-decoder → input-gate → s2s-in.
 */
final class S2sServer {

    private final Federation federation;
    private final List<Channel> listeners = new ArrayList<>();
    private int port = -1;
    private int directTlsPort = -1;

    S2sServer(Federation federation) {
        this.federation = federation;
    }

    void start(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        var s2s = federation.settings();
        port = bind(boss, workers, s2s.bindAddress(), s2s.port(), false);
        if (s2s.directTlsPort() >= 0) {
            directTlsPort = bind(boss, workers, s2s.bindAddress(), s2s.directTlsPort(), true);
        }
    }

    private int bind(EventLoopGroup boss, EventLoopGroup workers, String address, int port, boolean directTls)
            throws InterruptedException {
        var s2s = federation.settings();
        var bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(64 * 1024, StreamOutput.MAX_PENDING_OUTPUT_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var decoder = new XmppStreamDecoder(federation.limits());
                        var stream = ClientStream.attachServer(ch, federation.domain());
                        if (directTls) {
                            ch.pipeline().addLast("tls", federation.serverTls(ch.alloc(), false));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(s2s.idleTimeout().toMillis(), 0, 0,
                                TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(XmppStreamDecoder.NAME, decoder);
                        ch.pipeline().addLast(InputGate.NAME, new InputGate());
                        ch.pipeline().addLast("s2s-in", new IncomingStreamHandler(federation, decoder, stream,
                                directTls));
                    }
                });
        Channel channel = bootstrap.bind(address, port).sync().channel();
        listeners.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    int port() {
        return port;
    }

    int directTlsPort() {
        return directTlsPort;
    }

    void stop() {
        listeners.forEach(c -> c.close().syncUninterruptibly());
        listeners.clear();
    }
}
