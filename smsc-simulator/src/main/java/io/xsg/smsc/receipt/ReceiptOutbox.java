package io.xsg.smsc.receipt;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import io.xsg.smsc.server.BindListener;
import io.xsg.smsc.server.EsmeConnection;
import io.xsg.smsc.server.SessionRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward for receipts, as a real SMSC does: a receipt whose system_id has no receiving
 * session waits for the next bind, and one the ESME leaves unanswered or refuses for now
 * (ESME_RX_T_APPN, a queue full, throttling) is sent again after the redelivery delay, up to
 * {@value #MAX_ATTEMPTS} times. A permanent refusal (ESME_RX_P_APPN or another error) ends it, as
 * on a real SMSC. Without this a connector test that drops the link would lose receipts through no
 * fault of the connector.
 */
public final class ReceiptOutbox implements BindListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptOutbox.class);
    static final int MAX_ATTEMPTS = 20;
    private static final int ESME_RX_T_APPN = 0x64;

    private final SessionRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final long redeliveryMillis;
    private final int maxPending;
    private final Map<String, Deque<Pending>> waiting = new HashMap<>();
    private int waitingCount;

    public ReceiptOutbox(SessionRegistry registry, ScheduledExecutorService scheduler, Duration redeliveryDelay,
            int maxPending) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.redeliveryMillis = redeliveryDelay.toMillis();
        this.maxPending = maxPending;
    }

    /** Sends {@code receipt} to a receiving session of {@code systemId}, preferring the submitter's. */
    public void deliver(String systemId, long preferredSessionId, DeliverSm receipt) {
        deliver(new Pending(systemId, preferredSessionId, receipt, 1));
    }

    private void deliver(Pending pending) {
        String systemId = pending.systemId;
        EsmeConnection esme;
        // looked up under the lock bound() takes, so a bind racing with this either is seen here or flushes the hold
        synchronized (this) {
            esme = registry.receiverFor(systemId, pending.preferredSessionId).orElse(null);
            if (esme == null) {
                hold(pending);
                return;
            }
        }
        esme.send(pending.receipt).whenComplete((status, failure) -> {
            if (failure == null && status == SmppConstants.STATUS_OK) {
                return;
            }
            boolean temporary = failure != null || status == ESME_RX_T_APPN || status == SmppConstants.STATUS_MSGQFUL
                    || status == SmppConstants.STATUS_THROTTLED;
            String why = failure != null ? failure.getMessage() : String.format("status 0x%08X", status);
            if (!temporary || pending.attempt >= MAX_ATTEMPTS) {
                log.info("receipt to {} given up after {} attempt(s): {}", systemId, pending.attempt, why);
                return;
            }
            log.debug("receipt to {} not taken ({}), retrying in {} ms", systemId, why, redeliveryMillis);
            retryLater(new Pending(systemId, pending.preferredSessionId, pending.receipt, pending.attempt + 1));
        });
    }

    /** Receipts held for a system_id get sent as soon as one of its sessions can receive. */
    @Override
    public void bound(EsmeConnection esme) {
        if (!esme.canReceive()) {
            return;
        }
        List<Pending> ready;
        synchronized (this) {
            Deque<Pending> queue = waiting.remove(esme.systemId());
            ready = queue == null ? List.of() : new ArrayList<>(queue);
            waitingCount -= ready.size();
        }
        if (!ready.isEmpty()) {
            log.info("sending {} held receipt(s) to {}", ready.size(), esme.systemId());
        }
        for (Pending p : ready) {
            send(p);
        }
    }

    public synchronized int waiting() {
        return waitingCount;
    }

    private void retryLater(Pending pending) {
        try {
            scheduler.schedule(() -> send(pending), redeliveryMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("simulator stopping, receipt dropped");
        }
    }

    private void send(Pending pending) {
        // a resent PDU needs a fresh sequence number from the session it goes out on
        pending.receipt.removeSequenceNumber();
        deliver(pending);
    }

    private synchronized void hold(Pending pending) {
        Deque<Pending> queue = waiting.computeIfAbsent(pending.systemId, k -> new ArrayDeque<>());
        queue.addLast(pending);
        waitingCount++;
        if (waitingCount > maxPending) {
            queue.pollFirst();
            waitingCount--;
            log.warn("more than {} receipts held for unbound ESMEs; dropped the oldest for {}", maxPending,
                    pending.systemId);
        }
    }

    private record Pending(String systemId, long preferredSessionId, DeliverSm receipt, int attempt) {
    }
}
