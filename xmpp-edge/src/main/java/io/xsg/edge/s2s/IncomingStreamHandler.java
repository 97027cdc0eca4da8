package io.xsg.edge.s2s;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.xsg.edge.stream.ClientStream;
import io.xsg.edge.stream.InputGate;
import io.xsg.edge.stream.StreamEvent;
import io.xsg.edge.stream.XmppStreamDecoder;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stream.Nonzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream another server opened to us (RFC 6120 §4, §13.7; XEP-0178, XEP-0220): STARTTLS (required by default),
 * then SASL EXTERNAL when the peer's certificate validates against the trust store and names the domain its header
 * claims, or Server Dialback for each domain the peer sends from, each key checked with that domain's authoritative
 * server before the domain counts; {@code <db:verify/>} requests, as the authoritative server of our own domain, are answered from the
 * shared secret. Stanzas are accepted only from a domain the stream authenticated ({@code invalid-from} otherwise, so
 * a peer can never speak for a local user or a third domain) to a domain we serve, and published to routing like a
 * client's. Event loop only.
 */
final class IncomingStreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IncomingStreamHandler.class);
    /** Stanzas of one stream not yet acknowledged by Kafka before reading from it pauses. */
    private static final int MAX_IN_FLIGHT = 256;
    /** Dialback verifications one stream may have under way at once (each opens a connection of ours). */
    static final int MAX_VERIFYING = 5;
    /** A DNS name: labels of letters, digits and inner hyphens (IDNs as Unicode), at most 253 characters. */
    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?)*");

    private final Federation federation;
    private final XmppStreamDecoder decoder;
    private final ClientStream stream;
    private boolean secure;
    /** The domain of ours the peer addressed (a.test, or sms.a.test). */
    private String local;
    /** The domain the peer's header named ({@code from}), which SASL EXTERNAL authenticates. */
    private String claimed;
    private boolean externalDone;
    private final Set<String> authenticated = new HashSet<>();
    private final Set<String> verifying = new HashSet<>();
    private ScheduledFuture<?> negotiationTimeout;
    private int inFlight;
    private boolean throttled;
    private ChannelHandlerContext ctx;

    IncomingStreamHandler(Federation federation, XmppStreamDecoder decoder, ClientStream stream, boolean directTls) {
        this.federation = federation;
        this.decoder = decoder;
        this.stream = stream;
        this.secure = directTls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        negotiationTimeout = ctx.executor().schedule(() -> {
            if (authenticated.isEmpty() && verifying.isEmpty()) {
                stream.fail(StreamErrorCondition.CONNECTION_TIMEOUT, "no domain authenticated in time");
            }
        }, federation.settings().negotiationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
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
        String to = header.to() == null ? null : header.to().toLowerCase(Locale.ROOT);
        String from = domainName(header.from());
        if (from != null) {
            stream.peer(from);
            claimed = from;
        }
        stream.open();
        if (!Namespaces.SERVER.equals(header.contentNamespace())) {
            stream.fail(StreamErrorCondition.INVALID_NAMESPACE, "content namespace must be jabber:server");
        } else if (to == null || !federation.serves(to) || (local != null && !local.equals(to))) {
            stream.fail(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + federation.domain());
        } else if (header.version() == null || !header.version().startsWith("1.")) {
            stream.fail(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 required");
        } else {
            local = to;
            var features = new StringBuilder("<stream:features>");
            if (!secure) {
                features.append("<starttls xmlns='").append(Namespaces.TLS).append("'>")
                        .append(federation.settings().requireTls() ? "<required/>" : "").append("</starttls>");
            }
            if (secure && !externalDone && certificateNames(claimed)) {
                features.append("<mechanisms xmlns='").append(Namespaces.SASL)
                        .append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
            }
            if (secure || !federation.settings().requireTls()) {
                features.append("<dialback xmlns='").append(Namespaces.DIALBACK_FEATURE).append("'><errors/></dialback>");
            }
            stream.write(features.append("</stream:features>").toString());
        }
    }

    private void onElement(XmlElement e) {
        String ns = e.namespace();
        if (Namespaces.TLS.equals(ns) && "starttls".equals(e.name())) {
            startTls();
        } else if (Namespaces.SASL.equals(ns)) {
            onSasl(e);
        } else if (Namespaces.DIALBACK.equals(ns) && "result".equals(e.name()) && e.attribute("type") == null) {
            onDialbackResult(e);
        } else if (Namespaces.DIALBACK.equals(ns) && "verify".equals(e.name()) && e.attribute("type") == null) {
            onDialbackVerify(e);
        } else if (Namespaces.SERVER.equals(ns) && isStanza(e.name())) {
            onStanza(e);
        } else {
            stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    private void startTls() {
        if (secure || !authenticated.isEmpty()) { // nothing authenticated in the clear may carry over
            stream.close(Nonzas.tlsFailure());
            return;
        }
        Channel channel = ctx.channel();
        channel.pipeline().addFirst("tls", federation.serverTls(channel.alloc(), true));
        stream.write(Nonzas.tlsProceed());
        secure = true;
        decoder.restart();
    }

    /** Whether the peer's certificate validates against the trust store and names {@code domain} (not ours). */
    private boolean certificateNames(String domain) {
        if (domain == null || federation.serves(domain) || !secure) {
            return false;
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return false;
        }
        X509Certificate[] chain = federation.certificates().validated(tls.engine().getSession());
        return chain != null && PeerCertificates.names(chain[0], domain);
    }

    /** XEP-0178: the domain the header claimed (or the authorization identity, the same) is the certificate's. */
    private void onSasl(XmlElement e) {
        String failure = "<failure xmlns='" + Namespaces.SASL + "'><not-authorized/></failure>";
        if (!"auth".equals(e.name()) || !"EXTERNAL".equals(e.attribute("mechanism")) || externalDone || !secure) {
            stream.write("abort".equals(e.name()) ? "<failure xmlns='" + Namespaces.SASL + "'><aborted/></failure>"
                    : failure);
            return;
        }
        String authzid = claimed;
        String text = e.text().trim();
        if (!text.isEmpty() && !text.equals("=")) {
            try {
                authzid = new String(java.util.Base64.getDecoder().decode(text), StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException bad) {
                stream.write("<failure xmlns='" + Namespaces.SASL + "'><incorrect-encoding/></failure>");
                return;
            }
        }
        if (authzid == null || !authzid.equals(claimed) || !certificateNames(authzid)) {
            log.warn("s2s {} <- {}: SASL EXTERNAL refused (certificate does not authenticate {})", local,
                    stream.remoteAddress(), authzid);
            federation.authentication("in", "SASL EXTERNAL", "refused");
            stream.write(failure);
            return;
        }
        externalDone = true;
        authenticated.add(authzid);
        federation.authenticated(authzid, "SASL EXTERNAL");
        log.info("s2s {} <- {}: authenticated by SASL EXTERNAL (its certificate)", local, authzid);
        stream.write("<success xmlns='" + Namespaces.SASL + "'/>");
        InputGate.of(ctx.channel()).discard(); // anything sent with the auth belongs to the old stream
        decoder.restart();
    }

    private boolean encryptedEnough() {
        if (!secure && federation.settings().requireTls()) {
            stream.fail(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS first");
            return false;
        }
        return true;
    }

    /** XEP-0220 §2.1.2: the peer claims {@code from}; its authoritative server must confirm the key. */
    private void onDialbackResult(XmlElement e) {
        if (!encryptedEnough()) {
            return;
        }
        String from = domainName(e.attribute("from"));
        String to = domainName(e.attribute("to"));
        if (to == null || !to.equals(local)) {
            stream.fail(StreamErrorCondition.HOST_UNKNOWN, "this stream is for " + local);
            return;
        }
        if (from == null || federation.serves(from)) {
            stream.fail(StreamErrorCondition.INVALID_FROM, "cannot authenticate " + e.attribute("from"));
            return;
        }
        if (authenticated.contains(from) || verifying.contains(from)) {
            return; // already done, or on its way
        }
        if (verifying.size() >= MAX_VERIFYING) {
            stream.fail(StreamErrorCondition.POLICY_VIOLATION, "too many domains being verified at once");
            return;
        }
        verifying.add(from);
        String key = e.text().trim();
        String streamId = stream.id();
        Channel channel = ctx.channel();
        federation.verifier().verify(channel.eventLoop(), to, from, streamId, key, outcome -> {
            verifying.remove(from);
            if (!channel.isActive() || stream.closing()) {
                return;
            }
            if (outcome != DialbackVerifier.Outcome.VALID && authenticated.isEmpty() && verifying.isEmpty()
                    && negotiationTimeout != null && negotiationTimeout.isDone()) {
                stream.fail(StreamErrorCondition.CONNECTION_TIMEOUT, "no domain authenticated in time");
                return;
            }
            String head = "<db:result from='" + to + "' to='" + from + "' type='";
            switch (outcome) {
                case VALID -> {
                    authenticated.add(from);
                    federation.authenticated(from, "dialback");
                    log.info("s2s {} <- {}: authenticated by dialback", to, from);
                    stream.write(head + "valid'/>");
                }
                case INVALID -> {
                    log.warn("s2s {} <- {}: dialback key refused by the authoritative server ({})", to, from,
                            stream.remoteAddress());
                    federation.authentication("in", "dialback", "refused");
                    stream.write(head + "invalid'/>");
                    stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "dialback failed for " + from);
                }
                case UNREACHABLE -> stream.write(head + "error'><error type='cancel'><remote-server-not-found xmlns='"
                        + Namespaces.STANZA_ERRORS + "'/></error></db:result>");
            }
        });
    }

    /** XEP-0220 §2.3: we are the authoritative server; the key is ours if the shared secret made it. */
    private void onDialbackVerify(XmlElement e) {
        if (!encryptedEnough()) {
            return;
        }
        String from = domainName(e.attribute("from"));
        String to = domainName(e.attribute("to"));
        String id = e.attribute("id");
        if (to == null || !federation.serves(to)) {
            stream.fail(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + federation.domain());
            return;
        }
        if (from == null || id == null) {
            stream.fail(StreamErrorCondition.IMPROPER_ADDRESSING, "db:verify needs from, to and id");
            return;
        }
        boolean valid = federation.keys().verify(from, to, id, e.text());
        var out = new StringBuilder("<db:verify from='").append(to).append("' to='").append(from).append("' id='");
        XmlWriter.appendEscapedAttribute(id, out);
        stream.write(out.append("' type='").append(valid ? "valid" : "invalid").append("'/>").toString());
    }

    private void onStanza(XmlElement stanza) {
        if (authenticated.isEmpty()) {
            stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        String from = normalise(stanza.attribute("from"));
        String to = normalise(stanza.attribute("to"));
        if (from == null || to == null) {
            stream.fail(StreamErrorCondition.IMPROPER_ADDRESSING, "a server's stanza needs a valid from and to");
            return;
        }
        // the domainpart as RFC 7622 splits it (before any '/', after the last '@' ahead of it): a.test/x@evil.test
        // is a.test's
        String fromDomain = JidParts.domainOf(from).toLowerCase(Locale.ROOT);
        String toDomain = JidParts.domainOf(to).toLowerCase(Locale.ROOT);
        if (!authenticated.contains(fromDomain)) {
            stream.fail(StreamErrorCondition.INVALID_FROM, fromDomain + " is not authenticated on this stream");
            return;
        }
        if (!federation.serves(toDomain)) {
            stream.fail(StreamErrorCondition.HOST_UNKNOWN, toDomain + " is not served here");
            return;
        }
        federation.received();
        XmlElement stamped = stanza.withAttribute("from", from).withAttribute("to", to);
        var event = new StanzaReceivedEvent(federation.nextEventId(), stanza.name(), stanza.attribute("type"), from,
                to, XmlWriter.toXml(stamped, Namespaces.SERVER), federation.edgeId(), null,
                System.currentTimeMillis());
        Channel channel = ctx.channel();
        if (++inFlight >= MAX_IN_FLIGHT && !throttled) {
            throttled = true;
            InputGate.of(channel).throttle(true);
        }
        federation.publish(event).whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            inFlight--;
            if (throttled && inFlight <= MAX_IN_FLIGHT / 2) {
                throttled = false;
                InputGate gate = InputGate.of(channel);
                if (gate != null) {
                    gate.throttle(false);
                }
            }
            if (error != null) {
                // nothing can be said back on an incoming stream: the peer learns when its stream ends
                log.warn("s2s: a stanza from {} not published: {}", from, error.toString());
                stream.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, "try again later");
            }
        }));
    }

    private static String normalise(String jid) {
        if (jid == null) {
            return null;
        }
        try {
            return JidCreate.from(jid).toString();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A domain as a dialback element or a stream header names it, lower-cased; null if it is not a DNS name. */
    static String domainName(String value) {
        if (value == null || value.isEmpty() || value.length() > 253) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return DOMAIN.matcher(lower).matches() ? lower : null;
    }

    static boolean isStanza(String name) {
        return "message".equals(name) || "presence".equals(name) || "iq".equals(name);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            stream.close(""); // RFC 6120 §4.4: an idle server stream is simply closed
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (negotiationTimeout != null) {
            negotiationTimeout.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing s2s stream {} from {}: {}", stream.id(), stream.remoteAddress(), cause.toString());
        ctx.close();
    }
}
