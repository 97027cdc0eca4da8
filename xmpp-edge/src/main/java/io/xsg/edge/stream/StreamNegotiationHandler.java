package io.xsg.edge.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.xsg.edge.bind.InBandRegistration;
import io.xsg.edge.bind.ResourceBinding;
import io.xsg.edge.sasl.SaslExchange;
import io.xsg.edge.session.LocalSession;
import io.xsg.edge.sm.StreamManagementHandler;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.sasl.SaslCondition;
import io.xsg.xmpp.sasl.SaslException;
import io.xsg.xmpp.sasl.SaslMessages;
import io.xsg.xmpp.stream.Nonzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client stream until it has a session (RFC 6120 §4–§7): stream headers, STARTTLS, SASL, in-band registration,
 * then resource binding or a Stream Management resumption, after which it hands the stream to a
 * {@link BoundStreamHandler} (behind a {@link StreamManagementHandler}) and leaves the pipeline. Event loop only; an
 * asynchronous step (credentials, registration, the directory write of a binding) pauses the {@link InputGate}
 * until its answer is written, so nothing overtakes it.
 */
public final class StreamNegotiationHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "negotiation";
    private static final Logger log = LoggerFactory.getLogger(StreamNegotiationHandler.class);
    /** How long a roster read at binding waits for the client's first roster get. */
    private static final long ROSTER_READ_KEPT_SECONDS = 30;

    private final StreamContext context;
    private final XmppStreamDecoder decoder;
    private final ClientStream stream;
    private final ResourceBinding binding;
    private final InBandRegistration registration;
    private boolean secure;
    private SaslExchange sasl;
    private int failedAttempts;
    private String username;
    /** Bound, its directory entry on its way: the session ends with the connection if that closes first. */
    private LocalSession pendingSession;
    private ScheduledFuture<?> negotiationTimeout;
    private ScheduledFuture<?> headerTimeout;
    private ChannelHandlerContext ctx;

    public StreamNegotiationHandler(StreamContext context, XmppStreamDecoder decoder, ClientStream stream,
                                    boolean directTls) {
        this.context = context;
        this.decoder = decoder;
        this.stream = stream;
        this.secure = directTls;
        this.binding = new ResourceBinding(context);
        this.registration = new InBandRegistration(context.accounts());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            startTimers();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTimers();
        ctx.fireChannelActive();
    }

    private void startTimers() {
        if (negotiationTimeout != null) {
            return;
        }
        var c2s = context.properties().c2s();
        negotiationTimeout = ctx.executor().schedule(
                () -> stream.fail(StreamErrorCondition.CONNECTION_TIMEOUT, "negotiation took too long"),
                c2s.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        headerTimeout = ctx.executor().schedule(() -> {
            if (!stream.headerSent()) {
                stream.fail(StreamErrorCondition.CONNECTION_TIMEOUT, "no stream header");
            }
        }, c2s.streamOpenTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimers();
    }

    private void cancelTimers() {
        if (negotiationTimeout != null) {
            negotiationTimeout.cancel(false);
            headerTimeout.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (stream.closing()) {
            return;
        }
        if (msg instanceof StreamEvent.Opened opened) {
            onStreamOpen(opened.header());
        } else if (msg instanceof StreamEvent.Element element) {
            onElement(element.element());
        } else if (msg instanceof StreamEvent.Closed) {
            stream.closedByClient();
        } else if (msg instanceof StreamEvent.Failed failed) {
            stream.fail(failed.condition(), failed.text());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onStreamOpen(StreamHeader header) {
        log.debug("stream header from {} (secure {}, authenticated {})", stream.remoteAddress(), secure,
                username != null);
        stream.open();
        String domain = context.domain();
        if (!Namespaces.CLIENT.equals(header.contentNamespace())) {
            stream.fail(StreamErrorCondition.INVALID_NAMESPACE, "content namespace must be jabber:client");
        } else if (header.to() == null || !header.to().equalsIgnoreCase(domain)) {
            stream.fail(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + domain);
        } else if (header.version() == null || !header.version().startsWith("1.")) {
            stream.fail(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 required");
        } else if (username == null) {
            var p = context.properties();
            stream.write(Features.beforeAuthentication(secure, p.c2s().requireTls(), p.registration().enabled()));
        } else {
            stream.write(Features.afterAuthentication());
        }
    }

    private void onElement(XmlElement e) {
        String ns = e.namespace();
        if (Namespaces.TLS.equals(ns) && "starttls".equals(e.name())) {
            startTls();
        } else if (Namespaces.SASL.equals(ns)) {
            onSasl(e);
        } else if (Namespaces.CLIENT.equals(ns) && isStanza(e.name())) {
            onStanza(e);
        } else if (Namespaces.SM.equals(ns)) {
            onStreamManagement(e);
        } else {
            stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    private void startTls() {
        if (secure || username != null || (sasl != null && sasl.inProgress())) {
            stream.close(Nonzas.tlsFailure());
            return;
        }
        Channel channel = ctx.channel();
        // the handler goes in before <proceed/> is written; its startTls flag lets that one write out in the clear
        channel.pipeline().addFirst("tls", context.tls().newHandler(channel.alloc(), true));
        stream.write(Nonzas.tlsProceed());
        secure = true;
        sasl = null; // an exchange begun in the clear must not carry over
        failedAttempts = 0;
        decoder.restart();
    }

    private void onSasl(XmlElement e) {
        if (username != null) {
            stream.fail(StreamErrorCondition.POLICY_VIOLATION, "already authenticated");
            return;
        }
        if (!secure && context.properties().c2s().requireTls()) {
            writeSasl(new SaslExchange.Reply.Failure(SaslCondition.ENCRYPTION_REQUIRED, "STARTTLS first"));
            return;
        }
        if (sasl == null) {
            sasl = new SaslExchange(context.accounts(), context.limiter(), context.hashing(), stream.remoteAddress(),
                    context.domain(), secure, ctx.channel().eventLoop());
        }
        switch (e.name()) {
            case "auth" -> {
                byte[] initial;
                try {
                    initial = e.text().isEmpty() ? null : SaslMessages.decodeXmppBase64(e.text().trim());
                } catch (SaslException bad) {
                    writeSasl(new SaslExchange.Reply.Failure(bad.condition(), null));
                    return;
                }
                answer(sasl.start(e.attribute("mechanism"), initial));
            }
            case "response" -> {
                try {
                    answer(sasl.respond(SaslMessages.decodeXmppBase64(e.text().trim())));
                } catch (SaslException bad) {
                    writeSasl(new SaslExchange.Reply.Failure(bad.condition(), null));
                }
            }
            case "abort" -> writeSasl(sasl.abort());
            default -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    /** Input waits while credentials are fetched, so nothing overtakes the SASL answer. */
    private void answer(CompletionStage<SaslExchange.Reply> reply) {
        InputGate gate = InputGate.of(ctx.channel());
        gate.pause();
        reply.whenComplete((r, error) -> ctx.channel().eventLoop().execute(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            writeSasl(error != null ? new SaslExchange.Reply.Failure(SaslCondition.TEMPORARY_AUTH_FAILURE, null) : r);
            gate.resume();
        }));
    }

    private void writeSasl(SaslExchange.Reply reply) {
        if (reply instanceof SaslExchange.Reply.Challenge c) {
            stream.write(Nonzas.saslChallenge(c.data()));
        } else if (reply instanceof SaslExchange.Reply.Success s) {
            username = s.username();
            sasl = null;
            stream.write(Nonzas.saslSuccess(s.additionalData()));
            InputGate.of(ctx.channel()).discard(); // sent before the stream restart: it belongs to the old stream
            decoder.restart();
        } else if (reply instanceof SaslExchange.Reply.Failure f) {
            stream.write(Nonzas.saslFailure(f.condition(), f.text()));
            if (f.condition() != SaslCondition.ABORTED
                    && ++failedAttempts >= context.properties().auth().maxAttemptsPerStream()) {
                stream.fail(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts");
            }
        }
    }

    private void onStanza(XmlElement stanza) {
        if (username == null) {
            if (InBandRegistration.isRegistration(stanza) && context.properties().registration().enabled()
                    && (secure || !context.properties().c2s().requireTls())) {
                register(stanza);
                return;
            }
            stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
        } else if (ResourceBinding.isSessionEstablishment(stanza)) {
            stream.write(ResourceBinding.result(stanza).toXml());
        } else if (ResourceBinding.isBind(stanza) && pendingSession == null) {
            bind(stanza);
        } else {
            stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
        }
    }

    private void register(XmlElement iq) {
        InputGate gate = InputGate.of(ctx.channel());
        gate.pause();
        registration.register(iq).whenComplete((reply, error) -> ctx.channel().eventLoop().execute(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            stream.write((reply != null ? reply
                    : StanzaErrors.errorReply(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null)).toXml());
            gate.resume();
        }));
    }

    /** The client hears of its JID once the directory has the session: routing finds sessions there. */
    private void bind(XmlElement iq) {
        Channel channel = ctx.channel();
        var result = binding.bind(iq, channel, username);
        if (result.session() == null) {
            stream.write(result.reply().toXml());
            return;
        }
        LocalSession session = result.session();
        pendingSession = session;
        InputGate gate = InputGate.of(channel);
        gate.pause();
        readRosterAhead(session); // the session service waits for the directory write itself, alongside ours
        result.published().whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            if (error != null) {
                log.warn("cannot publish the session of {}: {}", session.fullJid(), error.toString());
                stream.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, "session directory unavailable");
                return;
            }
            stream.write(result.reply().toXml());
            handOver(session);
            gate.resume();
        }));
    }

    /**
     * Reads the roster for the session's first roster get while the client goes on (see
     * {@link LocalSession#readRosterAhead}); a client that does not ask soon (a bot, an idle session) does not keep
     * it in memory.
     */
    private void readRosterAhead(LocalSession session) {
        session.readRosterAhead(context.accounts().roster(username, session.sessionId()),
                ctx.channel().eventLoop().schedule(session::noRosterRead, ROSTER_READ_KEPT_SECONDS, TimeUnit.SECONDS));
    }

    /** Before binding, Stream Management can only resume (XEP-0198 §5); enabling comes after binding. */
    private void onStreamManagement(XmlElement e) {
        switch (e.name()) {
            case "enable" -> stream.write(Nonzas.smFailed("unexpected-request", null));
            case "r" -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "stream management is not enabled");
            case "a" -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "no such acknowledgement");
            case "resume" -> resume(e);
            default -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    /** XEP-0198 §5: takes over a detached (or not yet noticed dead) session of this user on this edge. */
    private void resume(XmlElement e) {
        Long h = StreamManagementHandler.parseH(e.attribute("h"));
        String previd = e.attribute("previd");
        LocalSession previous = previd == null ? null : context.sessions().byResumptionId(previd);
        if (username == null || pendingSession != null || h == null) {
            stream.write(Nonzas.smFailed("unexpected-request", null));
            return;
        }
        String mine = username + "@" + context.domain() + "/";
        if (previous == null || !previous.fullJid().startsWith(mine) || !previous.resumable()) {
            stream.write(Nonzas.smFailed("item-not-found", null));
            return;
        }
        Channel channel = ctx.channel();
        Channel old = previous.channel();
        LocalSession.Resumption resumption = previous.resume(channel, h);
        if (resumption == null) {
            stream.write(Nonzas.smFailed("item-not-found", null)); // it ended meanwhile
            return;
        }
        if (resumption.badAcknowledgement()) {
            // the old session cannot be trusted to continue: end it (its unacknowledged messages go elsewhere)
            previous.endResumption();
            context.termination().end(previous, true);
            if (old.isActive()) {
                old.close();
            }
            stream.fail(StreamErrorCondition.UNDEFINED_CONDITION, "acknowledged more stanzas than were sent");
            return;
        }
        context.metrics().resumed();
        if (old != channel && old.isActive()) {
            old.close(); // the client gave up on it first; its handler sees it no longer owns the session
        }
        long handled;
        synchronized (previous) {
            handled = previous.sm().handled();
        }
        List<String> again = resumption.again();
        var out = new StringBuilder(Nonzas.smResumed(handled, previd));
        again.forEach(out::append);
        if (!again.isEmpty()) {
            out.append(Nonzas.smRequest());
        }
        stream.write(out.toString());
        handOver(previous);
    }

    /** From here on the stream is bound: Stream Management and the bound-stream handler take it. */
    private void handOver(LocalSession session) {
        pendingSession = null;
        cancelTimers();
        var pipeline = ctx.pipeline();
        pipeline.addAfter(NAME, StreamManagementHandler.NAME, new StreamManagementHandler(stream, session,
                context.properties().c2s(), context.sessions()));
        pipeline.addAfter(StreamManagementHandler.NAME, BoundStreamHandler.NAME,
                new BoundStreamHandler(context, stream, session, username));
        pipeline.remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimers();
        LocalSession s = pendingSession;
        pendingSession = null;
        if (s != null) {
            context.termination().connectionClosed(s, ctx.channel(), context.properties().c2s().resumeTimeout());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS handshake failures and resets end up here: nothing to tell a peer we cannot talk to
        log.debug("closing stream {} from {}: {}", stream.id(), stream.remoteAddress(), cause.toString());
        ctx.close();
    }

    static boolean isStanza(String name) {
        return "message".equals(name) || "presence".equals(name) || "iq".equals(name);
    }
}
