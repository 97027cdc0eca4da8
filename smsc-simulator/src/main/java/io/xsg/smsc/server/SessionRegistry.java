package io.xsg.smsc.server;

import com.cloudhopper.smpp.SmppServerSession;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The bound sessions, in bind order. */
public final class SessionRegistry {
    private final Map<Long, EsmeConnection> sessions = new ConcurrentSkipListMap<>();
    private final AtomicLong roundRobin = new AtomicLong();
    private final AtomicLong unbinds = new AtomicLong();

    void add(EsmeConnection esme) {
        sessions.put(esme.sessionId(), esme);
        signal();
    }

    /**
     * Removes the entry only if it is this very session: Cloudhopper numbers sessions per server
     * instance, so after a restart a late callback for an old session 0 must not remove the new one.
     */
    EsmeConnection remove(long sessionId, SmppServerSession session) {
        EsmeConnection current = sessions.get(sessionId);
        if (current == null || !current.isFor(session) || !sessions.remove(sessionId, current)) {
            return null;
        }
        if (current.unbindReceived()) {
            unbinds.incrementAndGet();
        }
        signal();
        return current;
    }

    /** Sessions the ESME ended with an unbind, since start. */
    public long unbinds() {
        return unbinds.get();
    }

    /** Waits until at least {@code count} sessions are bound; false on timeout. */
    public synchronized boolean awaitSize(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sessions.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void signal() {
        notifyAll();
    }

    public int size() {
        return sessions.size();
    }

    public Collection<EsmeConnection> all() {
        return List.copyOf(sessions.values());
    }

    /**
     * A session of {@code systemId} able to receive, preferring {@code preferredSessionId} (the one a
     * submit came in on) so a transceiver gets the receipts of its own submits.
     */
    public Optional<EsmeConnection> receiverFor(String systemId, long preferredSessionId) {
        EsmeConnection preferred = sessions.get(preferredSessionId);
        if (preferred != null && preferred.canReceive()) {
            return Optional.of(preferred);
        }
        List<EsmeConnection> candidates = sessions.values().stream()
                .filter(e -> e.systemId().equals(systemId) && e.canReceive())
                .toList();
        return pick(candidates);
    }

    /** Any session able to receive, taken in turn. */
    public Optional<EsmeConnection> anyReceiver() {
        return pick(sessions.values().stream().filter(EsmeConnection::canReceive).toList());
    }

    private Optional<EsmeConnection> pick(List<EsmeConnection> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get((int) (roundRobin.getAndIncrement() % candidates.size())));
    }
}
