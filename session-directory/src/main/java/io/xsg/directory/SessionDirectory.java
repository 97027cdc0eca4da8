package io.xsg.directory;

import io.xsg.events.v1.SessionEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The bound sessions of the whole deployment, in memory, fed from the compacted directory topic. Where two sessions
 * claim one full JID, the later binding is the live one and the earlier one is reported for replacement.
 * Written by one thread, read by many: each bare JID's map is replaced whole, never changed in place.
 */
public final class SessionDirectory {

    private final Map<String, SessionEntry> bySession = new ConcurrentHashMap<>();
    private final Map<String, Map<String, SessionEntry>> byBareJid = new ConcurrentHashMap<>();
    /** Readers waiting for a session to appear (see {@link #entryOf}). */
    private final Map<String, CompletableFuture<SessionEntry>> awaited = new ConcurrentHashMap<>();

    /**
     * Applies one directory record; {@code entry} null is a tombstone.
     *
     * @param replaced told of a session that lost its full JID to a later binding
     */
    public void apply(String sessionId, SessionEntry entry, Consumer<SessionEntry> replaced) {
        SessionEntry previous = entry == null ? bySession.remove(sessionId) : bySession.put(sessionId, entry);
        if (previous != null && entry != null && previous.fullJid().equals(entry.fullJid())
                && replaceInPlace(entry)) {
            return; // an update (presence, carbons): readers never see the session missing in between
        }
        if (previous != null) {
            unindex(previous);
        }
        if (entry != null) {
            index(entry, replaced);
            if (!awaited.isEmpty()) {
                CompletableFuture<SessionEntry> waiting = awaited.remove(sessionId);
                if (waiting != null) {
                    waiting.complete(entry); // on this, the feed's, thread: waiters go on elsewhere
                }
            }
        }
    }

    /**
     * The session's entry once this copy has it: at once if it does, else when the directory's feed applies it. For
     * a reader that must not act before this copy knows the session; it bounds the wait itself and then calls
     * {@link #stopAwaiting}. Completes on the feed's thread, which must not be kept.
     */
    public CompletableFuture<SessionEntry> entryOf(String sessionId) {
        SessionEntry entry = bySession.get(sessionId);
        if (entry != null) {
            return CompletableFuture.completedFuture(entry);
        }
        CompletableFuture<SessionEntry> waiting = awaited.computeIfAbsent(sessionId, id -> new CompletableFuture<>());
        entry = bySession.get(sessionId); // applied between the two looks
        if (entry != null && awaited.remove(sessionId, waiting)) {
            waiting.complete(entry);
        }
        return waiting;
    }

    /** Forgets a wait of {@link #entryOf} that ended otherwise (timed out). */
    public void stopAwaiting(String sessionId, CompletableFuture<SessionEntry> waiting) {
        awaited.remove(sessionId, waiting);
    }

    private void index(SessionEntry entry, Consumer<SessionEntry> replaced) {
        String bare = entry.bareJid();
        Map<String, SessionEntry> current = byBareJid.getOrDefault(bare, Map.of());
        Map<String, SessionEntry> next = new HashMap<>(current);
        SessionEntry holder = current.get(entry.fullJid());
        if (holder != null && !holder.sessionId().equals(entry.sessionId())) {
            if (holder.boundAt() > entry.boundAt()) {
                replaced.accept(entry); // this one is older: it loses
                return;
            }
            replaced.accept(holder);
        }
        next.put(entry.fullJid(), entry);
        byBareJid.put(bare, Map.copyOf(next));
    }

    /** Swaps an entry for its update in one publication; false when it is not the holder of its full JID. */
    private boolean replaceInPlace(SessionEntry entry) {
        Map<String, SessionEntry> current = byBareJid.get(entry.bareJid());
        SessionEntry holder = current == null ? null : current.get(entry.fullJid());
        if (holder == null || !holder.sessionId().equals(entry.sessionId())) {
            return false;
        }
        Map<String, SessionEntry> next = new HashMap<>(current);
        next.put(entry.fullJid(), entry);
        byBareJid.put(entry.bareJid(), Map.copyOf(next));
        return true;
    }

    private void unindex(SessionEntry entry) {
        String bare = entry.bareJid();
        Map<String, SessionEntry> current = byBareJid.get(bare);
        if (current == null) {
            return;
        }
        SessionEntry holder = current.get(entry.fullJid());
        if (holder == null || !holder.sessionId().equals(entry.sessionId())) {
            return;
        }
        Map<String, SessionEntry> next = new HashMap<>(current);
        next.remove(entry.fullJid());
        if (next.isEmpty()) {
            byBareJid.remove(bare);
        } else {
            byBareJid.put(bare, Map.copyOf(next));
        }
    }

    /** The live session bound to a full JID, or null. */
    public SessionEntry byFullJid(String fullJid) {
        int slash = fullJid.indexOf('/');
        if (slash < 0) {
            return null;
        }
        return byBareJid.getOrDefault(fullJid.substring(0, slash), Map.of()).get(fullJid);
    }

    /** The live sessions of an account. */
    public Collection<SessionEntry> byBareJid(String bareJid) {
        return byBareJid.getOrDefault(bareJid, Map.of()).values();
    }

    /**
     * RFC 6121 §8.5.2.1: the available sessions with the highest non-negative priority. Empty when every session
     * is unavailable or negative.
     */
    public List<SessionEntry> highestPriority(String bareJid) {
        List<SessionEntry> best = new ArrayList<>(1);
        int top = 0;
        for (SessionEntry e : byBareJid(bareJid)) {
            if (!e.available() || e.priority() < 0) {
                continue;
            }
            if (best.isEmpty() || e.priority() > top) {
                best.clear();
                top = e.priority();
                best.add(e);
            } else if (e.priority() == top) {
                best.add(e);
            }
        }
        return best;
    }

    /** The available sessions of an account, whatever their priority: where its presence broadcasts go. */
    public List<SessionEntry> available(String bareJid) {
        return byBareJid(bareJid).stream().filter(SessionEntry::available).toList();
    }

    /** The live session with this id, or null. */
    public SessionEntry bySessionId(String sessionId) {
        return bySession.get(sessionId);
    }

    /** Every live session, for sweeps. */
    public Collection<SessionEntry> all() {
        return bySession.values();
    }

    /** The available sessions with non-negative priority. */
    public List<SessionEntry> nonNegative(String bareJid) {
        return byBareJid(bareJid).stream().filter(e -> e.available() && e.priority() >= 0).toList();
    }

    public int size() {
        return bySession.size();
    }
}
