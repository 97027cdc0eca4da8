package io.xsg.edge.session;

import io.xsg.events.v1.SessionEntry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The bound streams of this edge, by session id and by full JID. */
@Component
public class LocalSessions {

    private final Map<String, LocalSession> bySession = new ConcurrentHashMap<>();
    private final Map<String, LocalSession> byFullJid = new ConcurrentHashMap<>();
    private final Map<String, LocalSession> byResumptionId = new ConcurrentHashMap<>();

    /** Adds a session; returns the one it replaces on this edge with the same full JID, or null. */
    public LocalSession add(LocalSession session) {
        bySession.put(session.sessionId(), session);
        LocalSession previous = byFullJid.put(session.fullJid(), session);
        return previous == session ? null : previous;
    }

    public void remove(LocalSession session) {
        bySession.remove(session.sessionId(), session);
        byFullJid.remove(session.fullJid(), session);
        var sm = session.sm();
        if (sm != null && sm.resumptionId() != null) {
            byResumptionId.remove(sm.resumptionId(), session);
        }
    }

    /** A session clients may resume with this id (XEP-0198), while it is bound on this edge. */
    public void resumable(String resumptionId, LocalSession session) {
        byResumptionId.put(resumptionId, session);
    }

    public LocalSession byResumptionId(String resumptionId) {
        return byResumptionId.get(resumptionId);
    }

    /** Records a presence change of a session; the entry's identity fields never change. */
    public void update(LocalSession session, SessionEntry entry) {
        session.entry(entry);
    }

    public LocalSession bySessionId(String sessionId) {
        return bySession.get(sessionId);
    }

    public int size() {
        return bySession.size();
    }

    public Collection<LocalSession> all() {
        return bySession.values();
    }
}
