package io.xsg.edge.bind;

import io.netty.channel.Channel;
import io.xsg.edge.delivery.LocalSession;
import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.edge.stream.StreamContext;
import io.xsg.edge.stream.StreamOutput;
import io.xsg.events.v1.SessionEntry;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.xml.XmlElement;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource binding (RFC 6120 §7), the legacy session IQ (RFC 3921 §3), the session's directory entry and its
 * presence priority, and in-band registration (XEP-0077) before authentication.
 */
public final class ResourceBinding {

    private static final Logger log = LoggerFactory.getLogger(ResourceBinding.class);
    private static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final String SESSION_NS = "urn:ietf:params:xml:ns:xmpp-session";
    private static final String REGISTER_NS = "jabber:iq:register";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    /**
     * The answer to a bind request, and the session when binding succeeded; {@code published} completes when the
     * session's directory entry is in Kafka (already complete when binding failed).
     */
    public record Result(XmlElement reply, LocalSession session, CompletableFuture<Void> published) {
    }

    private final StreamContext context;

    public ResourceBinding(StreamContext context) {
        this.context = context;
    }

    public boolean isBind(XmlElement iq) {
        return "iq".equals(iq.name()) && "set".equals(iq.attribute("type")) && iq.firstChild("bind", BIND_NS) != null;
    }

    public boolean isSessionEstablishment(XmlElement iq) {
        return "iq".equals(iq.name()) && "set".equals(iq.attribute("type"))
                && iq.firstChild("session", SESSION_NS) != null;
    }

    public boolean isRegistration(XmlElement iq) {
        return "iq".equals(iq.name()) && iq.firstChild("query", REGISTER_NS) != null;
    }

    /** XEP-0077 §3.2: {@code <remove/>} from an authenticated account. */
    public boolean isCancellation(XmlElement iq) {
        XmlElement query = iq.firstChild("query", REGISTER_NS);
        return "iq".equals(iq.name()) && "set".equals(iq.attribute("type")) && query != null
                && query.firstChild("remove", REGISTER_NS) != null;
    }

    public XmlElement sessionResult(XmlElement iq) {
        return result(iq).build();
    }

    /**
     * Binds the requested (or a generated) resource. A session already bound to the same full JID is replaced
     * (RFC 6120 §7.7.2.2): here at once when it is on this edge, by the routing service when it is on another.
     */
    public Result bind(XmlElement iq, Channel channel, String username) {
        XmlElement request = iq.firstChild("bind", BIND_NS);
        XmlElement resourceElement = request.firstChild("resource", BIND_NS);
        String resource = resourceElement == null ? "" : resourceElement.text().trim();
        try {
            resource = resource.isEmpty() ? generated() : Resourcepart.from(resource).toString();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return new Result(StanzaErrors.errorReply(iq, StanzaErrorCondition.BAD_REQUEST, "invalid resource"),
                    null, CompletableFuture.completedFuture(null));
        }
        String fullJid = username + "@" + context.domain() + "/" + resource;
        var identity = context.identity();
        var entry = new SessionEntry(UUID.randomUUID().toString(), fullJid, identity.edgeId(),
                identity.incarnation(), false, 0, System.currentTimeMillis());
        var session = new LocalSession(channel, entry);
        LocalSession replaced = context.sessions().add(session);
        if (replaced != null) {
            closeReplaced(replaced);
        }
        XmlElement reply = result(iq).child(XmlElement.builder("bind", BIND_NS)
                .child(XmlElement.builder("jid", BIND_NS).text(fullJid).build()).build()).build();
        // the client hears of its JID only once it is reachable: routing learns of sessions from the directory
        return new Result(reply, session, context.publisher().sessionUpdated(entry));
    }

    /**
     * Available presence without a {@code to} sets the session's priority and the presence others' probes are answered
     * with; unavailable takes it out of routing.
     *
     * @param stamped the presence as published ({@code from} stamped), serialised
     */
    public CompletableFuture<Void> presenceChanged(LocalSession session, XmlElement presence, String stamped) {
        String type = presence.attribute("type");
        SessionEntry current = session.entry();
        SessionEntry updated;
        if (type == null) {
            updated = current.withPresence(true, priority(presence), stamped);
        } else if ("unavailable".equals(type)) {
            updated = current.withPresence(false, 0);
        } else {
            return CompletableFuture.completedFuture(null);
        }
        return update(session, current, updated);
    }

    /** The session asked for its roster: it is an interested resource from now on (RFC 6121 §2.1.6). */
    public void rosterRequested(LocalSession session) {
        SessionEntry current = session.entry();
        if (!current.rosterRequested()) {
            update(session, current, current.withRosterRequested());
        }
    }

    /** Message Carbons on or off (XEP-0280); completes once routing can know. */
    public CompletableFuture<Void> carbons(LocalSession session, boolean enabled) {
        SessionEntry current = session.entry();
        return update(session, current, current.withCarbons(enabled));
    }

    private CompletableFuture<Void> update(LocalSession session, SessionEntry current, SessionEntry updated) {
        if (updated.equals(current)) {
            return CompletableFuture.completedFuture(null);
        }
        context.sessions().update(session, updated);
        return context.publisher().sessionUpdated(updated);
    }

    /** XEP-0077: a form on get, an account on set. */
    public CompletableFuture<String> register(XmlElement iq) {
        XmlElement query = iq.firstChild("query", REGISTER_NS);
        if ("get".equals(iq.attribute("type"))) {
            return CompletableFuture.completedFuture(result(iq)
                    .child(XmlElement.builder("query", REGISTER_NS)
                            .child(XmlElement.builder("instructions", REGISTER_NS)
                                    .text("Choose a username and password.").build())
                            .child(XmlElement.builder("username", REGISTER_NS).build())
                            .child(XmlElement.builder("password", REGISTER_NS).build()).build())
                    .build().toXml());
        }
        XmlElement user = query.firstChild("username", REGISTER_NS);
        XmlElement password = query.firstChild("password", REGISTER_NS);
        if (!"set".equals(iq.attribute("type")) || user == null || password == null) {
            return CompletableFuture.completedFuture(
                    StanzaErrors.errorReply(iq, StanzaErrorCondition.BAD_REQUEST, null).toXml());
        }
        return context.accounts().register(user.text().trim(), password.text())
                .thenApply(ok -> result(iq).build().toXml())
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    StanzaErrorCondition condition = cause instanceof SessionServiceClient.RegistrationRefusedException r
                            ? (r.conflict() ? StanzaErrorCondition.CONFLICT : StanzaErrorCondition.NOT_ACCEPTABLE)
                            : StanzaErrorCondition.INTERNAL_SERVER_ERROR;
                    return StanzaErrors.errorReply(iq, condition, null).toXml();
                });
    }

    private void closeReplaced(LocalSession replaced) {
        replaced.markReplaced();
        if (replaced.detached()) {
            context.termination().end(replaced, false); // no stream left to close
            return;
        }
        Channel old = replaced.channel();
        old.eventLoop().execute(() -> StreamOutput.fail(old, true, context.domain(), "", StreamErrorCondition.CONFLICT,
                "replaced by a new session"));
    }

    private static int priority(XmlElement presence) {
        XmlElement p = presence.firstChild("priority", StreamOutput.CLIENT_NS);
        if (p == null) {
            return 0;
        }
        try {
            return Math.max(-128, Math.min(127, Integer.parseInt(p.text().trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static XmlElement.Builder result(XmlElement iq) {
        var builder = XmlElement.builder("iq", StreamOutput.CLIENT_NS).attribute("type", "result");
        if (iq.attribute("id") != null) {
            builder.attribute("id", iq.attribute("id"));
        }
        return builder;
    }

    private static String generated() {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
