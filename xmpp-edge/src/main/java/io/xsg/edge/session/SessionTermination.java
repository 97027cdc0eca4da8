package io.xsg.edge.session;

import io.netty.channel.Channel;
import io.xsg.edge.config.EdgeIdentity;
import io.xsg.edge.delivery.EdgePublisher;
import io.xsg.events.v1.AccountStanzaEvent.Purpose;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.ext.carbons.Carbons;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end of a session, however it comes (a closed stream, a resumption window that passed, a replacement, a
 * shutdown): its contacts learn it is unavailable if it was available (RFC 6121 §4.5.3), what its client never
 * acknowledged is sent again to go elsewhere (XEP-0198 §4: messages to another resource or offline storage, requests
 * back to their senders as errors), and its directory entry goes. Each session ends once.
 */
@Component
public class SessionTermination {

    private static final Logger log = LoggerFactory.getLogger(SessionTermination.class);

    private final LocalSessions sessions;
    private final EdgePublisher publisher;
    private final EdgeIdentity identity;

    public SessionTermination(LocalSessions sessions, EdgePublisher publisher, EdgeIdentity identity) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.identity = identity;
    }

    /**
     * A session's connection closed. A resumable session outlives it for the resumption window (XEP-0198 §5); any
     * other ends now: its contacts learn it is unavailable and what its client never acknowledged goes elsewhere.
     * Nothing happens when the session has already moved to another connection.
     */
    public void connectionClosed(LocalSession session, Channel channel, Duration resumeWindow) {
        if (!session.isOn(channel)) {
            return;
        }
        if (session.resumable()) {
            long generation = session.detach();
            channel.eventLoop().schedule(() -> {
                if (session.detachedSince(generation)) {
                    end(session, true);
                }
            }, resumeWindow.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            end(session, !session.replaced());
        }
    }

    /** @param announce whether to publish unavailable presence (not for a session replaced by its successor) */
    public void end(LocalSession session, boolean announce) {
        List<String> unacked = session.end();
        if (unacked == null) {
            return;
        }
        if (announce && session.entry().available()) {
            String xml = XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", session.fullJid())
                    .attribute("type", "unavailable").build().toXml();
            var presence = new StanzaReceivedEvent(identity.nextEventId(), "presence", "unavailable",
                    session.fullJid(), null, xml, identity.edgeId(), session.sessionId(), System.currentTimeMillis());
            publisher.accountStanza(new AccountStanzaEvent(session.entry().bareJid(), Purpose.OUTBOUND_PRESENCE,
                    presence));
        }
        int resent = 0;
        for (String xml : unacked) {
            StanzaReceivedEvent again = resend(session, xml);
            if (again != null) {
                publisher.stanza(again);
                resent++;
            }
        }
        if (resent > 0) {
            log.debug("session {} of {} ended with {} unacknowledged stanza(s) re-sent", session.sessionId(),
                    session.fullJid(), resent);
        }
        sessions.remove(session);
        publisher.sessionClosed(session.sessionId()).whenComplete((ok, error) -> {
            if (error != null) {
                // the dead-edge reaper will not catch this (the edge lives on), so say it loudly
                log.error("cannot remove session {} of {} from the directory", session.sessionId(),
                        session.fullJid(), error);
            }
        });
    }

    /**
     * A delivery that arrived for a session already gone: a message or request goes round again like an unacknowledged
     * one, so that another resource, offline storage or the sender's error handling takes it.
     */
    public void redirect(String sessionId, String fullJid, String xml) {
        StanzaReceivedEvent again = resend(sessionId, fullJid, xml);
        if (again != null) {
            publisher.stanza(again);
            log.debug("delivery for ended session {} of {} re-sent", sessionId, fullJid);
        }
    }

    private StanzaReceivedEvent resend(LocalSession session, String xml) {
        return resend(session.sessionId(), session.fullJid(), xml);
    }

    /** Messages and requests go round again, marked with the failed session; presence and answers are dropped. */
    private StanzaReceivedEvent resend(String sessionId, String fullJid, String xml) {
        XmlElement stanza;
        try {
            stanza = Stanzas.parse(xml);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String type = stanza.attribute("type");
        String from = stanza.attribute("from");
        // a carbon copy is only ever for the resource it was made for
        boolean message = "message".equals(stanza.name()) && !"error".equals(type)
                && stanza.firstChild("received", Carbons.NAMESPACE) == null
                && stanza.firstChild("sent", Carbons.NAMESPACE) == null;
        boolean request = "iq".equals(stanza.name()) && ("get".equals(type) || "set".equals(type));
        if (from == null || !(message || request)) {
            return null;
        }
        String to = stanza.attribute("to") != null ? stanza.attribute("to") : fullJid;
        if (to == null) {
            return null;
        }
        return new StanzaReceivedEvent(identity.nextEventId(), stanza.name(), type, from, to, xml, identity.edgeId(),
                null, System.currentTimeMillis(), sessionId);
    }
}
