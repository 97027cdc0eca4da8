package io.xsg.edge.sm;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.session.LocalSession;
import io.xsg.edge.session.LocalSessions;
import io.xsg.edge.stream.ClientStream;
import io.xsg.edge.stream.StreamEvent;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.stream.Nonzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;

/**
 * Stream Management (XEP-0198) on a bound stream: {@code <enable/>}, acknowledgement requests and answers, and the
 * count of stanzas handled from the client, which every stanza passing on to the stream handler adds to. Resumption
 * replaces binding, so it belongs to negotiation ({@code StreamNegotiationHandler}).
 */
public final class StreamManagementHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "stream-management";

    private final ClientStream stream;
    private final LocalSession session;
    private final EdgeProperties.C2s c2s;
    private final LocalSessions sessions;

    public StreamManagementHandler(ClientStream stream, LocalSession session, EdgeProperties.C2s c2s,
                                   LocalSessions sessions) {
        this.stream = stream;
        this.session = session;
        this.c2s = c2s;
        this.sessions = sessions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof StreamEvent.Element element) || stream.closing()) {
            ctx.fireChannelRead(msg);
            return;
        }
        XmlElement e = element.element();
        if (Namespaces.SM.equals(e.namespace())) {
            onNonza(e);
            return;
        }
        if (Namespaces.CLIENT.equals(e.namespace()) && isStanza(e.name())) {
            countReceived();
        }
        ctx.fireChannelRead(msg);
    }

    private void onNonza(XmlElement e) {
        switch (e.name()) {
            case "enable" -> enable("true".equals(e.attribute("resume")) || "1".equals(e.attribute("resume")));
            case "r" -> {
                StreamManagement sm = session.sm();
                if (sm == null) {
                    stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "stream management is not enabled");
                    return;
                }
                long h;
                synchronized (session) {
                    h = sm.handled();
                }
                stream.write(Nonzas.smAnswer(h));
            }
            case "a" -> {
                StreamManagement sm = session.sm();
                Long h = parseH(e.attribute("h"));
                if (sm == null || h == null) {
                    stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "no such acknowledgement");
                    return;
                }
                boolean ok;
                synchronized (session) {
                    ok = sm.acknowledge(h);
                }
                if (!ok) {
                    stream.fail(StreamErrorCondition.UNDEFINED_CONDITION, "acknowledged more stanzas than were sent");
                }
            }
            // a bound stream cannot take over another session (XEP-0198 §5: resume instead of binding)
            case "resume" -> stream.write(Nonzas.smFailed("unexpected-request", null));
            default -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected " + e.name());
        }
    }

    private void enable(boolean resumeAsked) {
        if (session.sm() != null) {
            stream.write(Nonzas.smFailed("unexpected-request", null));
            return;
        }
        boolean resume = resumeAsked && !c2s.resumeTimeout().isZero();
        String id = resume ? ClientStream.newId() : null;
        session.enable(new StreamManagement(id), c2s.maxUnacked());
        if (id != null) {
            sessions.resumable(id, session);
        }
        stream.write(Nonzas.smEnabled(id, c2s.resumeTimeout().toSeconds()));
    }

    /** XEP-0198 §4: every stanza after enabling counts, whatever becomes of it. */
    private void countReceived() {
        StreamManagement sm = session.sm();
        if (sm != null) {
            synchronized (session) {
                sm.received();
            }
        }
    }

    /** An {@code h} attribute: an unsigned 32-bit number, or null. */
    public static Long parseH(String h) {
        try {
            long v = h == null ? -1 : Long.parseLong(h);
            return v < 0 || v >= (1L << 32) ? null : v;
        } catch (NumberFormatException bad) {
            return null;
        }
    }

    private static boolean isStanza(String name) {
        return "message".equals(name) || "presence".equals(name) || "iq".equals(name);
    }
}
