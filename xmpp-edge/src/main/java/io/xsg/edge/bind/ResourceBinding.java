package io.xsg.edge.bind;

import io.netty.channel.Channel;
import io.xsg.edge.session.LocalSession;
import io.xsg.edge.stream.ClientStream;
import io.xsg.edge.stream.StreamContext;
import io.xsg.events.v1.SessionEntry;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/** Resource binding (RFC 6120 §7) and the legacy session IQ (RFC 3921 §3). */
public final class ResourceBinding {

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

    public static boolean isBind(XmlElement iq) {
        return "iq".equals(iq.name()) && "set".equals(iq.attribute("type"))
                && iq.firstChild("bind", Namespaces.BIND) != null;
    }

    public static boolean isSessionEstablishment(XmlElement iq) {
        return "iq".equals(iq.name()) && "set".equals(iq.attribute("type"))
                && iq.firstChild("session", Namespaces.SESSION) != null;
    }

    /** The empty result a set is answered with (the legacy session IQ, carbons, registration). */
    public static XmlElement result(XmlElement iq) {
        return resultBuilder(iq).build();
    }

    static XmlElement.Builder resultBuilder(XmlElement iq) {
        var builder = XmlElement.builder("iq", iq.namespace()).attribute("type", "result");
        if (iq.attribute("id") != null) {
            builder.attribute("id", iq.attribute("id"));
        }
        return builder;
    }

    /**
     * Binds the requested (or a generated) resource. A session already bound to the same full JID is replaced
     * (RFC 6120 §7.7.2.2): here at once when it is on this edge, by the routing service when it is on another.
     */
    public Result bind(XmlElement iq, Channel channel, String username) {
        XmlElement request = iq.firstChild("bind", Namespaces.BIND);
        XmlElement resourceElement = request.firstChild("resource", Namespaces.BIND);
        String resource = resourceElement == null ? "" : resourceElement.text().trim();
        try {
            resource = resource.isEmpty() ? generated() : Resourcepart.from(resource).toString();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return new Result(StanzaErrors.errorReply(iq, StanzaErrorCondition.BAD_REQUEST, "invalid resource"),
                    null, CompletableFuture.completedFuture(null));
        }
        String fullJid = username + "@" + context.domain() + "/" + resource;
        var identity = context.identity();
        // taking roster pushes from the start: the edge reads the roster ahead and withholds them until asked
        var entry = new SessionEntry(UUID.randomUUID().toString(), fullJid, identity.edgeId(),
                identity.incarnation(), false, 0, System.currentTimeMillis(), null, true, false);
        var session = new LocalSession(channel, entry);
        LocalSession replaced = context.sessions().add(session);
        if (replaced != null) {
            closeReplaced(replaced);
        }
        XmlElement reply = resultBuilder(iq).child(XmlElement.builder("bind", Namespaces.BIND)
                .child(XmlElement.builder("jid", Namespaces.BIND).text(fullJid).build()).build()).build();
        // the client hears of its JID only once it is reachable: routing learns of sessions from the directory
        return new Result(reply, session, context.publisher().sessionUpdated(entry));
    }

    private void closeReplaced(LocalSession replaced) {
        replaced.markReplaced();
        if (replaced.detached()) {
            context.termination().end(replaced, false); // no stream left to close
            return;
        }
        ClientStream.of(replaced.channel()).fail(StreamErrorCondition.CONFLICT, "replaced by a new session");
    }

    private static String generated() {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
