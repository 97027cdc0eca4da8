package io.xsg.edge.s2s;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.edge.stream.XmppStreamDecoder;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.s2s.DialbackKeys;
import io.xsg.xmpp.xml.XmlLimits;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens streams to other servers: resolves the domain ({@link RemoteEndpoints}), connects to each endpoint in turn
 * until one answers, and hands the connection to an {@link OutgoingStreamHandler}. The listener hears exactly one of
 * authenticated/verified or failed.
 */
final class S2sConnector {

    private static final Logger log = LoggerFactory.getLogger(S2sConnector.class);

    private final EventLoopGroup group;
    private final RemoteEndpoints endpoints;
    private final S2sTls tls;
    private final PeerCertificates certificates;
    private final DialbackKeys keys;
    private final XmlLimits limits;
    private final EdgeProperties.S2s settings;

    S2sConnector(EventLoopGroup group, RemoteEndpoints endpoints, S2sTls tls, PeerCertificates certificates,
                 DialbackKeys keys, XmlLimits limits, EdgeProperties.S2s settings) {
        this.certificates = certificates;
        this.group = group;
        this.endpoints = endpoints;
        this.tls = tls;
        this.keys = keys;
        this.limits = limits;
        this.settings = settings;
    }

    EventLoop nextLoop() {
        return group.next();
    }

    /**
     * @param loop   the event loop the new channel (and so every listener call) runs on
     * @param verify null to authenticate {@code local} for sending stanzas, else the verification to ask
     */
    void open(EventLoop loop, String local, String remote, OutgoingStreamHandler.Verify verify,
              OutgoingStreamHandler.Listener listener) {
        endpoints.resolve(remote).whenComplete((list, error) -> loop.execute(() -> {
            if (error != null || list.isEmpty()) {
                listener.failed(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND,
                        "no server found for " + remote + (error == null ? "" : ": " + error));
                return;
            }
            tryEndpoint(loop, local, remote, verify, listener, list, 0, null);
        }));
    }

    private void tryEndpoint(EventLoop loop, String local, String remote, OutgoingStreamHandler.Verify verify,
                             OutgoingStreamHandler.Listener listener, List<RemoteEndpoints.Endpoint> list, int index,
                             Throwable last) {
        if (index >= list.size()) {
            boolean timedOut = last instanceof ConnectTimeoutException;
            listener.failed(timedOut ? StanzaErrorCondition.REMOTE_SERVER_TIMEOUT
                    : StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND,
                    "cannot connect to " + remote + " at " + list + ": " + last);
            return;
        }
        RemoteEndpoints.Endpoint endpoint = list.get(index);
        var bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .resolver(endpoints.addressResolver())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(64 * 1024, StreamOutput.MAX_PENDING_OUTPUT_BYTES))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var decoder = new XmppStreamDecoder(limits);
                        if (endpoint.directTls()) {
                            ch.pipeline().addLast("tls", tls.clientHandler(ch.alloc(), remote));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0,
                                settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(XmppStreamDecoder.NAME, decoder);
                        ch.pipeline().addLast("s2s-out", new OutgoingStreamHandler(local, remote, keys, tls, certificates, decoder,
                                endpoint.directTls(), settings.requireTls(), verify, listener));
                    }
                });
        ChannelFuture connected = bootstrap.connect(endpoint.host(), endpoint.port());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("s2s {} -> {}: {} failed: {}", local, remote, endpoint, f.cause().toString());
                tryEndpoint(loop, local, remote, verify, listener, list, index + 1, f.cause());
            }
        });
    }
}
