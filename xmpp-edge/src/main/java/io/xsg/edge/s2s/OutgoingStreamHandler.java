package io.xsg.edge.s2s;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.xsg.edge.stream.StreamEvent;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.edge.stream.XmppStreamDecoder;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.s2s.DialbackKeys;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of a stream we open to another server (RFC 6120 §4, XEP-0220 §2.1): header, STARTTLS when the peer offers
 * it (required unless {@code require-tls} is off), then SASL EXTERNAL when the peer offers it (XEP-0178: it found our
 * certificate valid for our domain), else Server Dialback: {@code <db:result/>} to authenticate our domain for
 * sending stanzas. For a verification asked of us as a receiving server, the stream carries one {@code <db:verify/>}
 * whose answer ends it. Event loop only.
 */
final class OutgoingStreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OutgoingStreamHandler.class);

    /** What the owner of the stream hears. Called on the channel's event loop, each at most once. */
    interface Listener {
        /** The peer accepted our domain: stanzas may go now, on this channel. */
        default void authenticated(Channel channel) {
        }

        /** The answer to a {@code <db:verify/>}. */
        default void verified(boolean valid) {
        }

        /** The stream ended before it was authenticated (or verified). */
        void failed(StanzaErrorCondition condition, String reason);

        /** An authenticated stream ended. */
        default void closed() {
        }

        /** An authenticated stream can take more output again (the peer read what was pending). */
        default void writable() {
        }
    }

    /** A verification asked of us (XEP-0220 §2.3): the stream id the originating server got, and its key. */
    record Verify(String streamId, String key) {
    }

    private final String local;
    private final String remote;
    private final DialbackKeys keys;
    private final S2sTls tls;
    private final PeerCertificates certificates;
    private final XmppStreamDecoder decoder;
    private final boolean requireTls;
    private final Verify verify;
    private final Listener listener;
    private boolean secure;
    private boolean authenticated;
    private boolean externalSucceeded;
    private boolean externalFailed;
    private boolean over;
    private String streamId;

    OutgoingStreamHandler(String local, String remote, DialbackKeys keys, S2sTls tls, PeerCertificates certificates,
                          XmppStreamDecoder decoder, boolean directTls, boolean requireTls, Verify verify,
                          Listener listener) {
        this.certificates = certificates;
        this.local = local;
        this.remote = remote;
        this.keys = keys;
        this.tls = tls;
        this.decoder = decoder;
        this.secure = directTls;
        this.requireTls = requireTls;
        this.verify = verify;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        writeHeader(ctx);
        ctx.fireChannelActive();
    }

    private void writeHeader(ChannelHandlerContext ctx) {
        StreamOutput.write(ctx.channel(), StreamOutput.serverHeader(local, remote, null));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (over) {
            return;
        }
        if (msg instanceof StreamEvent.Opened opened) {
            if (!Namespaces.SERVER.equals(opened.header().contentNamespace())) {
                fail(ctx, StreamErrorCondition.INVALID_NAMESPACE, "the peer's stream is not jabber:server");
                return;
            }
            streamId = opened.header().id();
            if (opened.header().version() == null) {
                // a pre-RFC 6120 server sends no features: dialback at once (no TLS to offer)
                if (requireTls) {
                    fail(ctx, StreamErrorCondition.POLICY_VIOLATION, "the peer offers no TLS");
                } else {
                    dialback(ctx);
                }
            }
        } else if (msg instanceof StreamEvent.Element element) {
            onElement(ctx, element.element());
        } else if (msg instanceof StreamEvent.Closed) {
            end(ctx, "the peer closed its stream");
        } else if (msg instanceof StreamEvent.Failed failed) {
            fail(ctx, failed.condition(), failed.text());
        }
    }

    private void onElement(ChannelHandlerContext ctx, XmlElement e) {
        String ns = e.namespace();
        if (Namespaces.STREAMS.equals(ns) && "features".equals(e.name())) {
            if (externalSucceeded) {
                // the stream restarted after <success/>: it is ours to send on
                authenticated = true;
                log.info("s2s {} -> {}: authenticated by SASL EXTERNAL (our certificate)", local, remote);
                listener.authenticated(ctx.channel());
            } else if (!secure && e.firstChild("starttls", Namespaces.TLS) != null) {
                StreamOutput.write(ctx.channel(), "<starttls xmlns='" + Namespaces.TLS + "'/>");
            } else if (!secure && requireTls) {
                fail(ctx, StreamErrorCondition.POLICY_VIOLATION, "the peer offers no TLS");
            } else if (verify == null && secure && !externalFailed && offersExternal(e)) {
                StreamOutput.write(ctx.channel(), "<auth xmlns='" + Namespaces.SASL + "' mechanism='EXTERNAL'>"
                        + java.util.Base64.getEncoder().encodeToString(local.getBytes(
                                java.nio.charset.StandardCharsets.UTF_8)) + "</auth>");
            } else {
                dialback(ctx);
            }
        } else if (Namespaces.SASL.equals(ns) && "success".equals(e.name())) {
            externalSucceeded = true;
            decoder.restart();
            writeHeader(ctx);
        } else if (Namespaces.SASL.equals(ns) && "failure".equals(e.name())) {
            externalFailed = true; // XEP-0178 §2: dialback may still do
            log.info("s2s {} -> {}: SASL EXTERNAL refused{}; trying dialback", local, remote, describe(e));
            dialback(ctx);
        } else if (Namespaces.TLS.equals(ns) && "proceed".equals(e.name())) {
            startTls(ctx);
        } else if (Namespaces.TLS.equals(ns) && "failure".equals(e.name())) {
            end(ctx, "the peer's TLS failed");
        } else if (Namespaces.DIALBACK.equals(ns) && "result".equals(e.name()) && verify == null) {
            String type = e.attribute("type");
            if ("valid".equals(type)) {
                authenticated = true;
                log.info("s2s {} -> {}: authenticated by dialback", local, remote);
                listener.authenticated(ctx.channel());
            } else {
                fail(ctx, StreamErrorCondition.NOT_AUTHORIZED, "dialback " + type + describe(e));
            }
        } else if (Namespaces.DIALBACK.equals(ns) && "verify".equals(e.name()) && verify != null) {
            over = true;
            listener.verified("valid".equals(e.attribute("type")) && verify.streamId().equals(e.attribute("id")));
            ctx.channel().writeAndFlush(io.netty.buffer.ByteBufUtil.writeUtf8(ctx.alloc(), "</stream:stream>"))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (Namespaces.STREAMS.equals(ns) && "error".equals(e.name())) {
            end(ctx, "stream error " + describe(e));
        } else {
            fail(ctx, StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    private static boolean offersExternal(XmlElement features) {
        XmlElement mechanisms = features.firstChild("mechanisms", Namespaces.SASL);
        return mechanisms != null && mechanisms.childElements().stream()
                .anyMatch(m -> "mechanism".equals(m.name()) && "EXTERNAL".equals(m.text().trim()));
    }

    private static String describe(XmlElement error) {
        var children = error.childElements();
        return children.isEmpty() ? "" : " " + XmlWriter.toXml(children.get(0), "");
    }

    private void startTls(ChannelHandlerContext ctx) {
        SslHandler handler = tls.clientHandler(ctx.alloc(), remote);
        ctx.pipeline().addFirst("tls", handler);
        handler.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                end(ctx, "TLS handshake failed: " + f.cause());
                ctx.close();
                return;
            }
            secure = true;
            boolean valid = certificates.validated(handler.engine().getSession()) != null;
            log.debug("s2s {} -> {}: encrypted; the peer's certificate {}", local, remote,
                    valid ? "validates" : "does not validate (dialback will tell)");
            decoder.restart();
            writeHeader(ctx);
        });
    }

    private void dialback(ChannelHandlerContext ctx) {
        if (streamId == null) {
            fail(ctx, StreamErrorCondition.INVALID_XML, "the peer's header has no id");
            return;
        }
        String out;
        if (verify != null) {
            out = "<db:verify from='" + local + "' to='" + remote + "' id='" + escape(verify.streamId()) + "'>"
                    + escape(verify.key()) + "</db:verify>";
        } else {
            out = "<db:result from='" + local + "' to='" + remote + "'>" + keys.key(remote, local, streamId)
                    + "</db:result>";
        }
        StreamOutput.write(ctx.channel(), out);
    }

    private static String escape(String s) {
        var out = new StringBuilder();
        XmlWriter.appendEscapedAttribute(s, out);
        return out.toString();
    }

    /** Ends with a stream error of ours. */
    private void fail(ChannelHandlerContext ctx, StreamErrorCondition condition, String text) {
        if (over) {
            return;
        }
        StreamOutput.fail(ctx.channel(), "", condition, text);
        end(ctx, condition.elementName() + (text == null ? "" : ": " + text), false);
    }

    private void end(ChannelHandlerContext ctx, String reason) {
        end(ctx, reason, true);
    }

    private void end(ChannelHandlerContext ctx, String reason, boolean close) {
        if (over) {
            return;
        }
        over = true;
        if (authenticated) {
            log.info("s2s {} -> {}: stream ended ({})", local, remote, reason);
            listener.closed();
        } else {
            log.info("s2s {} -> {}: {}", local, remote, reason);
            listener.failed(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, reason);
        }
        if (close && ctx.channel().isActive()) {
            ctx.channel().writeAndFlush(io.netty.buffer.ByteBufUtil.writeUtf8(ctx.alloc(), "</stream:stream>"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            end(ctx, "idle");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (authenticated && !over && ctx.channel().isWritable()) {
            listener.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(ctx, "connection closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(ctx, cause.toString());
        ctx.close();
    }
}
