package io.xsg.events.v1;

import java.util.Objects;

/**
 * One bound client session in the session directory (a compacted topic keyed by {@link #sessionId()}; a
 * tombstone removes it). Keyed by session rather than full JID so that the close of a replaced session can
 * never delete the entry of the session that replaced it.
 *
 * @param sessionId       unique per stream, never reused
 * @param fullJid         the bound full JID
 * @param edgeId          the edge holding the stream: deliveries go to its topic
 * @param edgeIncarnation the edge process's run id, so entries left by a dead run can be told apart
 * @param available       whether the client has sent available presence
 * @param priority        its presence priority (-128..127)
 * @param boundAt         epoch milliseconds of resource binding: the later binding of a full JID wins
 * @param presence        the session's last available presence broadcast (XML, {@code from} stamped), so that any
 *                        service can answer a probe for it; {@code null} while unavailable
 * @param rosterRequested whether roster pushes go to the session. An edge sets it at binding: it reads the roster
 *                        ahead for the client's first get and withholds pushes until the client asked, so that only
 *                        "interested resources" see them (RFC 6121 §2.1.6)
 * @param carbons         whether the session enabled Message Carbons (XEP-0280)
 */
public record SessionEntry(String sessionId, String fullJid, String edgeId, String edgeIncarnation,
                           boolean available, int priority, long boundAt, String presence,
                           boolean rosterRequested, boolean carbons) {

    public SessionEntry {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(fullJid, "fullJid");
        Objects.requireNonNull(edgeId, "edgeId");
        Objects.requireNonNull(edgeIncarnation, "edgeIncarnation");
        if (priority < -128 || priority > 127) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
    }

    /** An entry that takes no roster pushes and no carbons (an edge binds with {@code rosterRequested} set). */
    public SessionEntry(String sessionId, String fullJid, String edgeId, String edgeIncarnation,
                        boolean available, int priority, long boundAt) {
        this(sessionId, fullJid, edgeId, edgeIncarnation, available, priority, boundAt, null, false, false);
    }

    public String bareJid() {
        int slash = fullJid.indexOf('/');
        return slash < 0 ? fullJid : fullJid.substring(0, slash);
    }

    /** Available with this priority and presence stanza, or unavailable (priority 0, no stanza). */
    public SessionEntry withPresence(boolean available, int priority, String presence) {
        return new SessionEntry(sessionId, fullJid, edgeId, edgeIncarnation, available, priority, boundAt,
                available ? presence : null, rosterRequested, carbons);
    }

    public SessionEntry withPresence(boolean available, int priority) {
        return withPresence(available, priority, null);
    }

    public SessionEntry withCarbons(boolean enabled) {
        return new SessionEntry(sessionId, fullJid, edgeId, edgeIncarnation, available, priority, boundAt, presence,
                rosterRequested, enabled);
    }
}
