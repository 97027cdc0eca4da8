package io.xsg.edge.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.xsg.edge.bind.ResourceBinding;
import io.xsg.edge.delivery.LocalSession;
import io.xsg.edge.sasl.SaslExchange;
import io.xsg.edge.sm.StreamManagement;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.ext.carbons.Carbons;
import io.xsg.xmpp.sasl.SaslException;
import io.xsg.xmpp.sasl.SaslMessages;
import io.xsg.xmpp.stanza.AccountConcerns;
import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client stream's negotiation and traffic (RFC 6120 §4–§8): stream header, STARTTLS, SASL, resource binding,
 * then stanzas stamped with the authenticated JID and published to Kafka. Runs on the channel's event loop only;
 * the one asynchronous step (credentials) pauses reading until its answer is written.
 */
public final class ClientStreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientStreamHandler.class);
    /** Every stanza read from a client, at DEBUG (see {@code LocalSession} for the other direction). */
    private static final Logger traffic = LoggerFactory.getLogger("io.xsg.edge.traffic");

    private final StreamContext context;
    private final XmppStreamDecoder decoder;
    private final ResourceBinding binding;
    private Channel channel;
    private boolean secure;
    private boolean headerSent;
    private String streamId = newStreamId();
    private SaslExchange sasl;
    private int failedAttempts;
    private String username;
    private LocalSession session;
    private ScheduledFuture<?> negotiationTimeout;
    private boolean closing;
    private ChannelHandlerContext ctx;
    /** Set while an asynchronous answer (credentials, registration) is outstanding; input waits in {@link #held}. */
    private boolean awaiting;
    private final java.util.ArrayDeque<Object> held = new java.util.ArrayDeque<>();
    /** Elements a client may send ahead while waiting for an answer; more is abuse, not pipelining. */
    private static final int MAX_HELD = 64;
    /** How long a client that closed its stream gets to close the TCP connection after our closing tag. */
    private static final long CLOSE_GRACE_MILLIS = 5_000;
    /** Stanzas of one stream not yet acknowledged by Kafka before reading from it pauses (back-pressure). */
    static final int MAX_IN_FLIGHT = 256;
    private int inFlight;
    /** Completes once this stream's last account stanza was handed to Kafka: the next one goes after it. */
    private CompletableFuture<Void> accountStanzasSent = CompletableFuture.completedFuture(null);
    private boolean throttled;

    public ClientStreamHandler(StreamContext context, XmppStreamDecoder decoder, boolean directTls) {
        this.context = context;
        this.decoder = decoder;
        this.secure = directTls;
        this.binding = new ResourceBinding(context);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        channel = ctx.channel();
        var c2s = context.properties().c2s();
        negotiationTimeout = ctx.executor().schedule(
                () -> fail(StreamErrorCondition.CONNECTION_TIMEOUT, "negotiation took too long"),
                c2s.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.executor().schedule(() -> {
            if (!headerSent) {
                fail(StreamErrorCondition.CONNECTION_TIMEOUT, "no stream header");
            }
        }, c2s.streamOpenTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (awaiting && msg instanceof StreamEvent) {
            // reading is paused, but the rest of the current read still arrives: keep it in order for later
            held.add(msg);
            if (held.size() > MAX_HELD) {
                fail(StreamErrorCondition.POLICY_VIOLATION, "too much sent while authentication is pending");
            }
            return;
        }
        if (msg instanceof StreamEvent.Opened opened) {
            onStreamOpen(opened.header());
        } else if (msg instanceof StreamEvent.Element element) {
            onElement(element.element());
        } else if (msg instanceof StreamEvent.Closed) {
            log.debug("stream {} closed by the client", streamId);
            closing = true;
            if (session != null) {
                session.endResumption(); // a client that closes its stream is done with the session (XEP-0198 §5)
            }
            // RFC 6120 §4.4: the side that closed first ends the TCP connection once it has our closing tag; we
            // end it ourselves only if it does not (closing at once can cut our tag off in a client's TLS layer)
            StreamOutput.write(channel, "</stream:stream>").addListener(f -> channel.eventLoop().schedule(
                    () -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
        } else if (msg instanceof StreamEvent.Failed failed) {
            fail(failed.condition(), failed.text());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onStreamOpen(StreamHeader header) {
        log.debug("stream header from {} (secure {}, authenticated {})", remoteAddress(), secure, username != null);
        String domain = context.domain();
        if (!headerSent) {
            StreamOutput.write(channel, StreamOutput.header(domain, streamId));
            headerSent = true;
        } else {
            // a restarted stream gets a new header and id (RFC 6120 §4.3.3)
            streamId = newStreamId();
            StreamOutput.write(channel, StreamOutput.header(domain, streamId));
        }
        if (!StreamOutput.CLIENT_NS.equals(header.contentNamespace())) {
            fail(StreamErrorCondition.INVALID_NAMESPACE, "content namespace must be jabber:client");
        } else if (header.to() == null || !header.to().equalsIgnoreCase(domain)) {
            fail(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + domain);
        } else if (header.version() == null || !header.version().startsWith("1.")) {
            fail(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 required");
        } else if (username == null) {
            var p = context.properties();
            StreamOutput.write(channel, Features.beforeAuthentication(secure, p.c2s().requireTls(),
                    p.registration().enabled()));
        } else {
            StreamOutput.write(channel, Features.afterAuthentication());
        }
    }

    private void onElement(XmlElement e) {
        String ns = e.namespace();
        if (Features.TLS_NS.equals(ns) && "starttls".equals(e.name())) {
            startTls();
        } else if (Features.SASL_NS.equals(ns)) {
            onSasl(e);
        } else if (StreamOutput.CLIENT_NS.equals(ns) && isStanza(e.name())) {
            onStanza(e);
        } else if (StreamManagement.NAMESPACE.equals(ns)) {
            onStreamManagement(e);
        } else {
            fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    private void startTls() {
        if (secure || username != null || (sasl != null && sasl.inProgress())) {
            closing = true;
            StreamOutput.write(channel, "<failure xmlns='" + Features.TLS_NS + "'/></stream:stream>")
                    .addListener(f -> channel.close());
            return;
        }
        // the handler goes in before <proceed/> is written; its startTls flag lets that one write out in the clear
        channel.pipeline().addFirst("tls", context.tls().newHandler(channel.alloc(), true));
        StreamOutput.write(channel, "<proceed xmlns='" + Features.TLS_NS + "'/>");
        secure = true;
        sasl = null; // an exchange begun in the clear must not carry over
        failedAttempts = 0;
        decoder.restart();
    }

    private void onSasl(XmlElement e) {
        if (username != null) {
            fail(StreamErrorCondition.POLICY_VIOLATION, "already authenticated");
            return;
        }
        if (!secure && context.properties().c2s().requireTls()) {
            writeSasl(new SaslExchange.Reply.Failure(io.xsg.xmpp.sasl.SaslCondition.ENCRYPTION_REQUIRED,
                    "STARTTLS first"));
            return;
        }
        if (sasl == null) {
            sasl = new SaslExchange(context.accounts(), context.limiter(), context.hashing(), remoteAddress(),
                    context.domain(), secure, channel.eventLoop());
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
            default -> fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    /** Reading stays paused while credentials are fetched, so nothing overtakes the SASL answer. */
    private void answer(java.util.concurrent.CompletionStage<SaslExchange.Reply> reply) {
        pause();
        reply.whenComplete((r, error) -> channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            writeSasl(error != null
                    ? new SaslExchange.Reply.Failure(io.xsg.xmpp.sasl.SaslCondition.TEMPORARY_AUTH_FAILURE, null)
                    : r);
            resume();
        }));
    }

    private void pause() {
        awaiting = true;
        channel.config().setAutoRead(false);
    }

    /** Replays what arrived while paused, in order, then reads again; stops if a replayed element pauses anew. */
    private void resume() {
        awaiting = false;
        while (!awaiting && !closing && !held.isEmpty()) {
            channelRead(ctx, held.poll());
        }
        if (!awaiting) {
            channel.config().setAutoRead(true);
        }
    }

    private void writeSasl(SaslExchange.Reply reply) {
        if (reply instanceof SaslExchange.Reply.Challenge c) {
            StreamOutput.write(channel, "<challenge xmlns='" + Features.SASL_NS + "'>"
                    + SaslMessages.encodeXmppBase64(c.data()) + "</challenge>");
        } else if (reply instanceof SaslExchange.Reply.Success s) {
            username = s.username();
            sasl = null;
            String data = s.additionalData().length == 0 ? "" : SaslMessages.encodeXmppBase64(s.additionalData());
            StreamOutput.write(channel, "<success xmlns='" + Features.SASL_NS + "'>" + data + "</success>");
            held.clear(); // sent before the stream restart: it belongs to the old stream
            decoder.restart();
        } else if (reply instanceof SaslExchange.Reply.Failure f) {
            var out = new StringBuilder("<failure xmlns='").append(Features.SASL_NS).append("'><")
                    .append(f.condition().elementName()).append("/>");
            if (f.text() != null) {
                out.append("<text xml:lang='en'>");
                XmlWriter.appendEscapedText(f.text(), out);
                out.append("</text>");
            }
            StreamOutput.write(channel, out.append("</failure>").toString());
            if (f.condition() != io.xsg.xmpp.sasl.SaslCondition.ABORTED
                    && ++failedAttempts >= context.properties().auth().maxAttemptsPerStream()) {
                fail(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts");
            }
        }
    }

    private void onStanza(XmlElement stanza) {
        if (username == null) {
            if (binding.isRegistration(stanza) && context.properties().registration().enabled()
                    && (secure || !context.properties().c2s().requireTls())) {
                pause();
                binding.register(stanza).whenComplete((reply, error) -> channel.eventLoop().execute(() -> {
                    if (!channel.isActive()) {
                        return;
                    }
                    StreamOutput.write(channel, reply != null ? reply : StanzaErrors.errorReply(stanza,
                            StanzaErrorCondition.INTERNAL_SERVER_ERROR, null).toXml());
                    resume();
                }));
                return;
            }
            fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        if (binding.isSessionEstablishment(stanza)) {
            countReceived(); // a stanza like any other for the client's count, once bound
            writeStanza(binding.sessionResult(stanza)); // counted, like every stanza to a bound client
            return;
        }
        if (session == null) {
            if (binding.isBind(stanza)) {
                var result = binding.bind(stanza, channel, username);
                if (result.session() == null) {
                    StreamOutput.write(channel, result.reply());
                    return;
                }
                session = result.session();
                pause();
                result.published().whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
                    if (!channel.isActive()) {
                        return;
                    }
                    if (error != null) {
                        log.warn("cannot publish the session of {}: {}", session.fullJid(), error.toString());
                        fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, "session directory unavailable");
                        return;
                    }
                    negotiationTimeout.cancel(false);
                    StreamOutput.write(channel, result.reply());
                    resume();
                }));
                return;
            }
            fail(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
            return;
        }
        context.metrics().received(stanza.name());
        countReceived();
        if (binding.isCancellation(stanza) && context.properties().registration().enabled()) {
            cancelRegistration(stanza);
            return;
        }
        route(stanza);
    }

    /** XEP-0077 §3.2: the account is removed, the client told, and its stream closed (the account is gone). */
    private void cancelRegistration(XmlElement iq) {
        LocalSession s = session;
        pause();
        context.accounts().unregister(username).whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            if (error != null) {
                writeStanza(StanzaErrors.errorReply(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null));
                resume();
                return;
            }
            s.endResumption();
            writeStanza(binding.sessionResult(iq));
            closing = true;
            StreamOutput.write(channel, "</stream:stream>").addListener(f -> channel.close());
        }));
    }

    /** XEP-0198: enable (after binding), resume (after authentication, instead of binding), acks both ways. */
    private void onStreamManagement(XmlElement e) {
        var c2s = context.properties().c2s();
        switch (e.name()) {
            case "enable" -> {
                if (session == null || session.sm() != null) {
                    StreamOutput.write(channel, StreamManagement.failed("unexpected-request", null));
                    return;
                }
                boolean resume = ("true".equals(e.attribute("resume")) || "1".equals(e.attribute("resume")))
                        && !c2s.resumeTimeout().isZero();
                String id = resume ? newStreamId() : null;
                session.enable(new StreamManagement(id), c2s.maxUnacked());
                if (id != null) {
                    context.sessions().resumable(id, session);
                }
                StreamOutput.write(channel, StreamManagement.enabled(id, c2s.resumeTimeout().toSeconds()));
            }
            case "r" -> {
                StreamManagement sm = session == null ? null : session.sm();
                if (sm == null) {
                    fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "stream management is not enabled");
                    return;
                }
                long h;
                synchronized (session) {
                    h = sm.handled();
                }
                StreamOutput.write(channel, StreamManagement.answer(h));
            }
            case "a" -> {
                StreamManagement sm = session == null ? null : session.sm();
                Long h = parseH(e.attribute("h"));
                if (sm == null || h == null) {
                    fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "no such acknowledgement");
                    return;
                }
                boolean ok;
                synchronized (session) {
                    ok = sm.acknowledge(h);
                }
                if (!ok) {
                    fail(StreamErrorCondition.UNDEFINED_CONDITION, "acknowledged more stanzas than were sent");
                }
            }
            case "resume" -> resumeSession(e);
            default -> fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    /** XEP-0198 §5: takes over a detached (or not yet noticed dead) session of this user on this edge. */
    private void resumeSession(XmlElement e) {
        Long h = parseH(e.attribute("h"));
        String previd = e.attribute("previd");
        LocalSession previous = previd == null ? null : context.sessions().byResumptionId(previd);
        if (username == null || session != null || h == null) {
            StreamOutput.write(channel, StreamManagement.failed("unexpected-request", null));
            return;
        }
        String mine = username + "@" + context.domain() + "/";
        if (previous == null || !previous.fullJid().startsWith(mine) || !previous.resumable()) {
            StreamOutput.write(channel, StreamManagement.failed("item-not-found", null));
            return;
        }
        Channel old = previous.channel();
        LocalSession.Resumption resumption = previous.resume(channel, h);
        if (resumption == null) {
            StreamOutput.write(channel, StreamManagement.failed("item-not-found", null)); // it ended meanwhile
            return;
        }
        if (resumption.badAcknowledgement()) {
            // the old session cannot be trusted to continue: end it (its unacknowledged messages go elsewhere)
            previous.endResumption();
            context.termination().end(previous, true);
            if (old.isActive()) {
                old.close();
            }
            fail(StreamErrorCondition.UNDEFINED_CONDITION, "acknowledged more stanzas than were sent");
            return;
        }
        List<String> again = resumption.again();
        session = previous;
        negotiationTimeout.cancel(false);
        context.metrics().resumed();
        if (old != channel && old.isActive()) {
            old.close(); // the client gave up on it first; its handler sees it no longer owns the session
        }
        long handled;
        synchronized (session) {
            handled = session.sm().handled();
        }
        var out = new StringBuilder(StreamManagement.resumed(handled, previd));
        again.forEach(out::append);
        if (!again.isEmpty()) {
            out.append(StreamManagement.request());
        }
        StreamOutput.write(channel, out.toString());
    }

    private static Long parseH(String h) {
        try {
            long v = h == null ? -1 : Long.parseLong(h);
            return v < 0 || v >= (1L << 32) ? null : v;
        } catch (NumberFormatException bad) {
            return null;
        }
    }

    private void route(XmlElement stanza) {
        String fullJid = session.fullJid();
        String from = stanza.attribute("from");
        if (from != null && !from.equals(fullJid) && !from.equals(session.entry().bareJid())) {
            fail(StreamErrorCondition.INVALID_FROM, "from must be your own JID");
            return;
        }
        String to = stanza.attribute("to");
        if (to != null) {
            try {
                Jid jid = JidCreate.from(to);
                to = jid.toString();
            } catch (XmppStringprepException | IllegalArgumentException e) {
                if (!StanzaErrors.isError(stanza)) {
                    writeStanza(StanzaErrors.errorReply(stanza.withAttribute("from", fullJid),
                            StanzaErrorCondition.JID_MALFORMED, "malformed 'to'"));
                }
                return;
            }
            if (to.equalsIgnoreCase(context.domain())) {
                to = context.domain();
            }
        }
        XmlElement stamped = stanza.withAttribute("from", fullJid);
        if (to != null) {
            stamped = stamped.withAttribute("to", to);
        }
        String xml = XmlWriter.toXml(stamped, StreamOutput.CLIENT_NS);
        if (traffic.isDebugEnabled()) {
            traffic.debug("in {} {}", fullJid, xml);
        }
        CompletableFuture<Void> directoryWritten = null;
        if ("presence".equals(stanza.name()) && to == null) {
            boolean comingOnline = stanza.attribute("type") == null && !session.entry().available();
            CompletableFuture<Void> written = binding.presenceChanged(session, stanza, xml);
            // only coming online races with a contact's probe: a status change or going offline keeps its place in
            // the order below without waiting for the directory
            directoryWritten = comingOnline ? written : null;
        } else if ("iq".equals(stanza.name()) && forOwnAccount(to) && sessionIq(stamped)) {
            return;
        }
        var event = new StanzaReceivedEvent(context.identity().nextEventId(), stanza.name(), stanza.attribute("type"),
                fullJid, to, xml, context.identity().edgeId(), session.sessionId(), System.currentTimeMillis());
        AccountStanzaEvent.Purpose purpose = accountPurpose(stamped, to);
        if (purpose == null) {
            publish(event, stamped, null);
            return;
        }
        // The session service answers a presence from its copy of the directory, which it first brings up to date:
        // a presence goes out only once its directory entry is written, so two contacts coming online together
        // cannot both miss each other. The session's account stanzas keep their order behind it.
        CompletableFuture<Void> gate = directoryWritten == null ? accountStanzasSent
                : CompletableFuture.allOf(accountStanzasSent, directoryWritten);
        XmlElement original = stamped;
        // built now: a deferred publish may run after the stream closed and the session left this handler
        var work = new AccountStanzaEvent(session.entry().bareJid(), purpose, event);
        if (gate.isDone()) {
            publish(event, original, work);
        } else {
            accountStanzasSent = gate.handle((ok, error) -> null)
                    .thenRunAsync(() -> publish(event, original, work), channel.eventLoop())
                    .exceptionally(e -> {
                        log.error("account stanza from {} not published", fullJid, e);
                        return null;
                    });
        }
    }

    /**
     * What only the sender's account can handle skips routing, one Kafka hop less (the rule is
     * {@link AccountConcerns}, shared with routing, which forwards the same stanzas when they reach it).
     */
    private AccountStanzaEvent.Purpose accountPurpose(XmlElement stamped, String to) {
        AccountConcerns.Concern concern = AccountConcerns.of(stamped, to, session.entry().bareJid(),
                context.domain());
        if (concern == null) {
            return null;
        }
        return concern == AccountConcerns.Concern.PRESENCE ? AccountStanzaEvent.Purpose.OUTBOUND_PRESENCE
                : AccountStanzaEvent.Purpose.ROSTER;
    }

    private boolean forOwnAccount(String to) {
        return to == null || to.equals(context.domain()) || to.equals(session.entry().bareJid());
    }

    /**
     * IQs about this very session: Message Carbons are switched here, where the session's directory entry is written,
     * and answered once routing can see the change; a roster get marks the session as interested in roster pushes
     * and then travels on to the session service. Returns true when the IQ was answered here.
     */
    private boolean sessionIq(XmlElement iq) {
        List<XmlElement> payload = iq.childElements();
        if (payload.size() != 1) {
            return false;
        }
        XmlElement query = payload.get(0);
        String type = iq.attribute("type");
        if ("get".equals(type) && AccountConcerns.isRosterQuery(iq)) {
            binding.rosterRequested(session);
            return false;
        }
        if ("set".equals(type) && Carbons.NAMESPACE.equals(query.namespace())
                && ("enable".equals(query.name()) || "disable".equals(query.name()))) {
            binding.carbons(session, "enable".equals(query.name())).whenComplete((ok, error) ->
                    channel.eventLoop().execute(() -> writeStanza(error == null
                            ? binding.sessionResult(iq)
                            : StanzaErrors.errorReply(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null))));
            return true;
        }
        return false;
    }

    /** @param work the stanza as the session service's, or null for routing */
    private void publish(StanzaReceivedEvent event, XmlElement original, AccountStanzaEvent work) {
        String fullJid = event.from();
        if (++inFlight >= MAX_IN_FLIGHT && !throttled) {
            throttled = true; // a client faster than Kafka waits in its TCP window, not in the edge's memory
            channel.config().setAutoRead(false);
        }
        var published = work == null ? context.publisher().stanza(event) : context.publisher().accountStanza(work);
        // the producer's callback thread must not write: Stream Management counts in the order of the event loop
        published.whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            inFlight--;
            if (throttled && inFlight <= MAX_IN_FLIGHT / 2) {
                throttled = false;
                channel.config().setAutoRead(true);
            }
            if (error != null) {
                log.warn("cannot publish a stanza from {}: {}", fullJid, error.toString());
                if (!StanzaErrors.isError(original) && !"presence".equals(original.name())) {
                    writeStanza(StanzaErrors.errorReply(original, StanzaErrorCondition.RESOURCE_CONSTRAINT,
                            "try again later"));
                }
            }
        }));
    }

    /** Stream Management's count of what the client sent (XEP-0198 §4: every stanza after enabling). */
    private void countReceived() {
        LocalSession s = session;
        StreamManagement sm = s == null ? null : s.sm();
        if (sm != null) {
            synchronized (s) {
                sm.received();
            }
        }
    }

    /** A stanza of the server's to the bound client: counted by Stream Management like any delivery. */
    private void writeStanza(XmlElement stanza) {
        LocalSession s = session;
        String xml = XmlWriter.toXml(stanza, StreamOutput.CLIENT_NS);
        if (s == null) {
            StreamOutput.write(channel, xml);
        } else {
            s.deliver(xml);
        }
    }

    private static boolean isStanza(String name) {
        return "message".equals(name) || "presence".equals(name) || "iq".equals(name);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                fail(StreamErrorCondition.CONNECTION_TIMEOUT, "idle too long");
            } else if (idle.state() == IdleState.WRITER_IDLE && headerSent && !closing) {
                StreamOutput.write(channel, " "); // whitespace keepalive (RFC 6120 §4.6.1)
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * A resumable session outlives its channel for the resumption window (XEP-0198 §5); any other ends now: its
     * contacts learn it is unavailable and what its client never acknowledged goes elsewhere.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        negotiationTimeout.cancel(false);
        LocalSession s = session;
        session = null;
        if (s != null && s.isOn(channel)) {
            if (s.resumable()) {
                long generation = s.detach();
                var window = context.properties().c2s().resumeTimeout();
                ctx.executor().schedule(() -> {
                    if (s.detachedSince(generation)) {
                        context.termination().end(s, true);
                    }
                }, window.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                context.termination().end(s, !s.replaced());
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS handshake failures and resets end up here: nothing to tell a peer we cannot talk to
        log.debug("closing stream {} from {}: {}", streamId, remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Ends this stream with a stream error; safe to call from any thread. */
    public void fail(StreamErrorCondition condition, String text) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> fail(condition, text));
            return;
        }
        if (closing || !channel.isActive()) {
            return;
        }
        closing = true;
        log.debug("stream {} from {} ends with {}: {}", streamId, remoteAddress(), condition, text);
        StreamOutput.fail(channel, headerSent, context.domain(), streamId, condition, text);
        headerSent = true;
    }

    private String remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown";
    }

    private static String newStreamId() {
        return UUID.randomUUID().toString();
    }
}
