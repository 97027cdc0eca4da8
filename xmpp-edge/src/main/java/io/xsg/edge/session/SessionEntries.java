package io.xsg.edge.session;

import io.xsg.edge.delivery.EdgePublisher;
import io.xsg.events.v1.SessionEntry;
import io.xsg.xmpp.stanza.Presence;
import io.xsg.xmpp.xml.XmlElement;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Changes to a bound session's directory entry (presence, priority, carbons): kept here and
 * published to the session directory, which is how routing and the session service learn of them. Event loop only.
 */
@Component
public class SessionEntries {

    private final LocalSessions sessions;
    private final EdgePublisher publisher;

    public SessionEntries(LocalSessions sessions, EdgePublisher publisher) {
        this.sessions = sessions;
        this.publisher = publisher;
    }

    /**
     * Available presence without a {@code to} sets the session's priority and the presence others' probes are answered
     * with; unavailable takes it out of routing. Completes once the directory has the change.
     *
     * @param stamped the presence as published ({@code from} stamped), serialised
     */
    public CompletableFuture<Void> presenceChanged(LocalSession session, XmlElement presence, String stamped) {
        String type = presence.attribute("type");
        SessionEntry current = session.entry();
        if (type == null) {
            return update(session, current, current.withPresence(true, Presence.priority(presence), stamped));
        }
        if ("unavailable".equals(type)) {
            return update(session, current, current.withPresence(false, 0));
        }
        return CompletableFuture.completedFuture(null);
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
        sessions.update(session, updated);
        return publisher.sessionUpdated(updated);
    }
}
