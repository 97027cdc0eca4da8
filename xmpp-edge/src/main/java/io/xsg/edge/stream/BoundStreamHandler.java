package io.xsg.edge.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.xsg.edge.bind.InBandRegistration;
import io.xsg.edge.bind.ResourceBinding;
import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.edge.session.LocalSession;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.ext.carbons.Carbons;
import io.xsg.xmpp.stanza.AccountConcerns;
import io.xsg.xmpp.stanza.ClientStamp;
import io.xsg.xmpp.stream.Nonzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound client stream (RFC 6120 §8): each stanza is checked, stamped with the session's full JID and published to
 * Kafka, to routing or, when only the sender's account is concerned, straight to the session service; IQs about the
 * session itself are answered here. Reading pauses while too many stanzas wait for Kafka (back-pressure). Stream
 * Management sits in front of it ({@code StreamManagementHandler}). Event loop only.
 */
public final class BoundStreamHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "bound-stream";
    private static final Logger log = LoggerFactory.getLogger(BoundStreamHandler.class);
    /** Every stanza read from a client, at DEBUG (see {@code LocalSession} for the other direction). */
    private static final Logger traffic = LoggerFactory.getLogger("io.xsg.edge.traffic");
    /** Stanzas of one stream not yet acknowledged by Kafka before reading from it pauses (back-pressure). */
    static final int MAX_IN_FLIGHT = 256;

    private final StreamContext context;
    private final ClientStream stream;
    private final LocalSession session;
    private final String username;
    private final InBandRegistration registration;
    private int inFlight;
    private boolean throttled;
    /** Completes once this stream's last account stanza was handed to Kafka: the next one goes after it. */
    private CompletableFuture<Void> accountStanzasSent = CompletableFuture.completedFuture(null);

    public BoundStreamHandler(StreamContext context, ClientStream stream, LocalSession session, String username) {
        this.context = context;
        this.stream = stream;
        this.session = session;
        this.username = username;
        this.registration = new InBandRegistration(context.accounts());
    }

    public LocalSession session() {
        return session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (stream.closing()) {
            return;
        }
        if (msg instanceof StreamEvent.Element element) {
            onElement(element.element());
        } else if (msg instanceof StreamEvent.Closed) {
            session.endResumption(); // a client that closes its stream is done with the session (XEP-0198 §5)
            stream.closedByClient();
        } else if (msg instanceof StreamEvent.Failed failed) {
            stream.fail(failed.condition(), failed.text());
        } else if (msg instanceof StreamEvent.Opened) {
            stream.fail(StreamErrorCondition.INVALID_XML, "no stream restart after binding");
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onElement(XmlElement e) {
        String ns = e.namespace();
        if (Namespaces.CLIENT.equals(ns) && StreamNegotiationHandler.isStanza(e.name())) {
            onStanza(e);
        } else if (Namespaces.TLS.equals(ns) && "starttls".equals(e.name())) {
            stream.close(Nonzas.tlsFailure());
        } else if (Namespaces.SASL.equals(ns)) {
            stream.fail(StreamErrorCondition.POLICY_VIOLATION, "already authenticated");
        } else {
            stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    private void onStanza(XmlElement stanza) {
        if (ResourceBinding.isSessionEstablishment(stanza)) {
            writeStanza(ResourceBinding.result(stanza)); // counted, like every stanza to a bound client
            return;
        }
        context.metrics().received(stanza.name());
        if (InBandRegistration.isCancellation(stanza) && context.properties().registration().enabled()) {
            cancelRegistration(stanza);
            return;
        }
        route(stanza);
    }

    /** XEP-0077 §3.2: the account is removed, the client told, and its stream closed (the account is gone). */
    private void cancelRegistration(XmlElement iq) {
        Channel channel = stream.channel();
        InputGate gate = InputGate.of(channel);
        gate.pause();
        registration.cancel(username).whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            if (error != null) {
                writeStanza(StanzaErrors.errorReply(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null));
                gate.resume();
                return;
            }
            session.endResumption();
            writeStanza(ResourceBinding.result(iq));
            stream.close("");
        }));
    }

    private void route(XmlElement stanza) {
        String fullJid = session.fullJid();
        var result = ClientStamp.stamp(stanza, fullJid, session.entry().bareJid(), context.domain());
        if (result instanceof ClientStamp.InvalidFrom) {
            stream.fail(StreamErrorCondition.INVALID_FROM, "from must be your own JID");
            return;
        }
        if (result instanceof ClientStamp.MalformedTo) {
            if (!StanzaErrors.isError(stanza)) {
                writeStanza(StanzaErrors.errorReply(stanza.withAttribute("from", fullJid),
                        StanzaErrorCondition.JID_MALFORMED, "malformed 'to'"));
            }
            return;
        }
        var stampedResult = (ClientStamp.Stamped) result;
        XmlElement stamped = stampedResult.stanza();
        String to = stampedResult.to();
        String xml = XmlWriter.toXml(stamped, Namespaces.CLIENT);
        if (traffic.isDebugEnabled()) {
            traffic.debug("in {} {}", fullJid, xml);
        }
        CompletableFuture<Void> directoryWritten = null;
        if ("presence".equals(stanza.name()) && to == null) {
            boolean comingOnline = stanza.attribute("type") == null && !session.entry().available();
            CompletableFuture<Void> written = context.entries().presenceChanged(session, stanza, xml);
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
        session.noRosterRead(); // its roster gets now go behind this stanza
        var work = new AccountStanzaEvent(session.entry().bareJid(), purpose, event);
        if (gate.isDone()) {
            publish(event, original, work);
        } else {
            accountStanzasSent = gate.handle((ok, error) -> null)
                    .thenRunAsync(() -> publish(event, original, work), stream.channel().eventLoop())
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
     * and answered once routing can see the change; a roster get makes the session an interested resource (it gets
     * roster pushes from then on) and is answered from the roster read at binding when it may be, else travels on to
     * the session service. Returns true when the IQ was answered here.
     */
    private boolean sessionIq(XmlElement iq) {
        List<XmlElement> payload = iq.childElements();
        if (payload.size() != 1) {
            return false;
        }
        XmlElement query = payload.get(0);
        String type = iq.attribute("type");
        if ("get".equals(type) && AccountConcerns.isRosterQuery(iq)) {
            // to the server itself ('to' the domain) it is not a roster get: routing answers it
            String to = iq.attribute("to");
            var read = session.rosterAsked(to == null || to.equals(session.entry().bareJid()));
            if (read != null) {
                answerFromRead(iq, read, query.attribute("ver"));
                return true;
            }
            return false;
        }
        if ("set".equals(type) && Carbons.NAMESPACE.equals(query.namespace())
                && ("enable".equals(query.name()) || "disable".equals(query.name()))) {
            context.entries().carbons(session, "enable".equals(query.name())).whenComplete((ok, error) ->
                    stream.channel().eventLoop().execute(() -> writeStanza(error == null
                            ? ResourceBinding.result(iq)
                            : StanzaErrors.errorReply(iq, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null))));
            return true;
        }
        return false;
    }

    /**
     * Answers a session's first roster get from the session service's read, made at binding (rather than two Kafka
     * hops and a batch transaction while the client waits, at login). If the read failed, or a roster push or result
     * came for the client while it was out (a change the read may predate), the get goes the Kafka way, in order
     * behind that change.
     */
    private void answerFromRead(XmlElement iq, CompletableFuture<SessionServiceClient.Roster> read,
                                String clientVersion) {
        read.whenComplete((roster, error) -> session.onEventLoop(() -> {
            if (session.ended()) {
                return; // nobody left to answer
            }
            boolean overtaken = session.rosterReadOvertaken();
            if (error != null || overtaken) {
                context.metrics().firstRosterGet(false);
                rosterGetThroughKafka(iq);
                return;
            }
            context.metrics().firstRosterGet(true);
            var result = new StringBuilder(64 + roster.query().length()).append("<iq type='result'");
            if (iq.attribute("id") != null) {
                result.append(" id='");
                XmlWriter.appendEscapedAttribute(iq.attribute("id"), result);
                result.append('\'');
            }
            result.append(" to='");
            XmlWriter.appendEscapedAttribute(session.fullJid(), result);
            result.append('\'');
            // RFC 6121 §2.6.3: a client whose version is current gets an empty result
            if (Long.toString(roster.version()).equals(clientVersion)) {
                result.append("/>");
            } else {
                result.append('>').append(roster.query()).append("</iq>");
            }
            // held for a resumption while the session is detached, like any delivery
            session.deliver(result.toString());
        }));
    }

    /**
     * The way every other roster get goes, for one whose read failed or was overtaken; published whether or not this
     * stream is still open (a detached session gets the answer on resumption, as it would have).
     */
    private void rosterGetThroughKafka(XmlElement iq) {
        String xml = XmlWriter.toXml(iq, Namespaces.CLIENT);
        var event = new StanzaReceivedEvent(context.identity().nextEventId(), "iq", "get", session.fullJid(),
                iq.attribute("to"), xml, context.identity().edgeId(), session.sessionId(), System.currentTimeMillis());
        context.publisher().accountStanza(new AccountStanzaEvent(session.entry().bareJid(),
                AccountStanzaEvent.Purpose.ROSTER, event)).whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("roster get of {} not published: {}", session.fullJid(), error.toString());
                        session.onEventLoop(() -> session.deliver(XmlWriter.toXml(StanzaErrors.errorReply(iq,
                                StanzaErrorCondition.RESOURCE_CONSTRAINT, "try again later"), Namespaces.CLIENT)));
                    }
                });
    }

    /** @param work the stanza as the session service's, or null for routing */
    private void publish(StanzaReceivedEvent event, XmlElement original, AccountStanzaEvent work) {
        Channel channel = stream.channel();
        if (++inFlight >= MAX_IN_FLIGHT && !throttled) {
            throttled = true;
            InputGate.of(channel).throttle(true);
        }
        var published = work == null ? context.publisher().stanza(event) : context.publisher().accountStanza(work);
        // the producer's callback thread must not write: Stream Management counts in the order of the event loop
        published.whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            inFlight--;
            if (throttled && inFlight <= MAX_IN_FLIGHT / 2) {
                throttled = false;
                InputGate gate = InputGate.of(channel);
                if (gate != null) {
                    gate.throttle(false);
                }
            }
            if (error != null) {
                log.warn("cannot publish a stanza from {}: {}", event.from(), error.toString());
                if (!StanzaErrors.isError(original) && !"presence".equals(original.name())) {
                    writeStanza(StanzaErrors.errorReply(original, StanzaErrorCondition.RESOURCE_CONSTRAINT,
                            "try again later"));
                }
            }
        }));
    }

    /** A stanza of the server's to the bound client: counted by Stream Management like any delivery. */
    private void writeStanza(XmlElement stanza) {
        session.deliver(XmlWriter.toXml(stanza, Namespaces.CLIENT));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        context.termination().connectionClosed(session, ctx.channel(), context.properties().c2s().resumeTimeout());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing stream {} of {}: {}", stream.id(), session.fullJid(), cause.toString());
        ctx.close();
    }
}
