package io.xsg.smsc.server;

import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.impl.DefaultSmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.type.RecoverablePduException;
import com.cloudhopper.smpp.type.UnknownCommandIdException;
import com.cloudhopper.smpp.type.UnrecoverablePduException;
import io.xsg.smsc.BoundSession;
import io.xsg.smsc.SmscSimulatorException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound ESME: answers its requests and sends it deliver_sm with a future per response.
 *
 * <p>Every {@link DefaultSmppSessionHandler} callback is overridden, because its defaults log a
 * warning and drop the PDU (an unanswered enquire_link or unbind would hang the ESME).
 * Requests are sent from {@code sender}, never from a Netty I/O thread: Cloudhopper waits for
 * each write, which would dead-lock an I/O thread.
 */
public final class EsmeConnection extends DefaultSmppSessionHandler {
    private static final Logger log = LoggerFactory.getLogger(EsmeConnection.class);

    private final long sessionId;
    private final SmppServerSession session;
    private final String systemId;
    private final Instant boundAt;
    private final SubmitThrottle throttle;
    private final SubmitProcessor processor;
    private final Executor sender;
    private final long responseTimeoutMillis;
    // PDUs do not override equals, so this map matches responses to requests by identity
    private final Map<PduRequest<?>, CompletableFuture<Integer>> awaiting = new ConcurrentHashMap<>();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
    private boolean draining;
    private boolean ready;
    private volatile boolean closed;
    private final AtomicLong submitsReceived = new AtomicLong();
    private final AtomicLong deliversSent = new AtomicLong();

    private volatile boolean unbindReceived;

    EsmeConnection(long sessionId, SmppServerSession session, Instant boundAt, int throttleLimit,
            SubmitProcessor processor, Executor sender, long responseTimeoutMillis) {
        super(log);
        this.sessionId = sessionId;
        this.session = session;
        this.systemId = session.getConfiguration().getSystemId();
        this.boundAt = boundAt;
        this.throttle = new SubmitThrottle(throttleLimit);
        this.processor = processor;
        this.sender = sender;
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    public long sessionId() {
        return sessionId;
    }

    public String systemId() {
        return systemId;
    }

    boolean isFor(SmppServerSession other) {
        return session == other;
    }

    public SmppBindType bindType() {
        return session.getBindType();
    }

    /**
     * True from the moment the session is registered, a little before Cloudhopper marks it bound:
     * requests sent in between wait in the queue until {@link #ready()}, so an ESME whose bind
     * just returned can be sent an MO at once.
     */
    public boolean canReceive() {
        return bindType() != SmppBindType.TRANSMITTER && !closed;
    }

    public boolean canTransmit() {
        return bindType() != SmppBindType.RECEIVER;
    }

    public boolean tryAcquireSubmit(long nowNanos) {
        return throttle.tryAcquire(nowNanos);
    }

    public BoundSession describe() {
        String remote = session instanceof DefaultSmppSession ? ((DefaultSmppSession) session).getRemoteAddressAndPort() : "";
        return new BoundSession(sessionId, systemId, bindType().name(), remote, boundAt, submitsReceived.get(),
                deliversSent.get(), awaiting.size());
    }

    /**
     * Sends a request (deliver_sm) to the ESME.
     *
     * @return the response's command_status; fails when the request cannot be written, expires
     *         unanswered or the session closes first
     */
    public CompletableFuture<Integer> send(PduRequest<?> request) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new SmscSimulatorException("session " + sessionId + " is closed"));
            return result;
        }
        synchronized (outgoing) {
            outgoing.addLast(new Outgoing(request, result));
            if (draining || !ready) {
                return result;
            }
            draining = true;
        }
        startDraining();
        return result;
    }

    /** The bind_resp is out: requests may flow. */
    void ready() {
        synchronized (outgoing) {
            ready = true;
            if (draining || outgoing.isEmpty()) {
                return;
            }
            draining = true;
        }
        startDraining();
    }

    private void startDraining() {
        try {
            sender.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (outgoing) {
                draining = false;
            }
            failQueued(new SmscSimulatorException("simulator is stopping", e));
        }
    }

    /** Writes queued requests one at a time, so the parts of a long MO leave in the order given. */
    private void drain() {
        while (true) {
            Outgoing next;
            synchronized (outgoing) {
                next = outgoing.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            write(next.request, next.result);
        }
    }

    private void failQueued(Throwable cause) {
        List<Outgoing> dropped;
        synchronized (outgoing) {
            dropped = new ArrayList<>(outgoing);
            outgoing.clear();
        }
        dropped.forEach(o -> o.result.completeExceptionally(cause));
    }

    private void write(PduRequest<?> request, CompletableFuture<Integer> result) {
        if (!session.isBound()) {
            result.completeExceptionally(new SmscSimulatorException("session " + sessionId + " is no longer bound"));
            return;
        }
        awaiting.put(request, result);
        try {
            session.sendRequestPdu(request, responseTimeoutMillis, false);
            deliversSent.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(request, new SmscSimulatorException("interrupted while sending " + request.getName(), e));
        } catch (Exception e) {
            fail(request, new SmscSimulatorException("could not send " + request.getName() + " to session "
                    + sessionId + ": " + e.getMessage(), e));
        }
    }

    /** Closes the TCP connection without an unbind, as a crashing SMSC or a cut link would. */
    public void closeAbruptly() {
        if (session instanceof DefaultSmppSession) {
            ((DefaultSmppSession) session).getChannel().close();
        } else {
            session.close();
        }
    }

    /** Unbinds politely, waiting at most {@code timeoutMillis} for unbind_resp, then closes. */
    public void unbind(long timeoutMillis) {
        session.unbind(timeoutMillis);
    }

    /** Called once the server has destroyed the session: nothing pending can be answered any more. */
    void destroyed() {
        closed = true;
        failQueued(new SmscSimulatorException("session " + sessionId + " closed"));
        failAll("session " + sessionId + " closed");
        session.destroy();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public PduResponse firePduRequestReceived(PduRequest request) {
        if (request instanceof SubmitSm) {
            submitsReceived.incrementAndGet();
            return processor.onSubmit(this, (SubmitSm) request);
        }
        if (request instanceof Unbind) {
            unbindReceived = true;
            return request.createResponse();
        }
        if (request instanceof EnquireLink) {
            return request.createResponse();
        }
        PduResponse response = request.createResponse();
        response.setCommandStatus(SmppConstants.STATUS_INVCMDID);
        return response;
    }

    @Override
    public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
        CompletableFuture<Integer> future = awaiting.remove(response.getRequest());
        if (future != null) {
            future.complete(response.getResponse().getCommandStatus());
        }
    }

    @Override
    public void fireUnexpectedPduResponseReceived(PduResponse response) {
        log.debug("session {}: response to no pending request: {}", sessionId, response);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void firePduRequestExpired(PduRequest request) {
        fail(request, new TimeoutException("no " + request.getName() + "_resp within " + responseTimeoutMillis + " ms"));
    }

    /** Whether the ESME ended this session politely, with an unbind. */
    public boolean unbindReceived() {
        return unbindReceived;
    }

    @Override
    public void fireChannelUnexpectedlyClosed() {
        closed = true;
        log.info("session {} ({}) closed without unbind", sessionId, systemId);
        failAll("session " + sessionId + " closed without unbind");
    }

    /** Garbage that still had a readable header gets a generic_nack, so the ESME can tell what went wrong. */
    @Override
    public void fireRecoverablePduException(RecoverablePduException e) {
        log.warn("session {}: bad PDU: {}", sessionId, e.getMessage());
        if (e.getPartialPdu() instanceof PduRequest) {
            int status = e instanceof UnknownCommandIdException ? SmppConstants.STATUS_INVCMDID : SmppConstants.STATUS_SYSERR;
            try {
                session.sendResponsePdu(((PduRequest<?>) e.getPartialPdu()).createGenericNack(status));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (Exception sendFailure) {
                log.debug("session {}: generic_nack not sent: {}", sessionId, sendFailure.toString());
            }
        }
    }

    @Override
    public void fireUnrecoverablePduException(UnrecoverablePduException e) {
        log.warn("session {}: unreadable PDU stream, closing: {}", sessionId, e.getMessage());
        closeAbruptly();
    }

    @Override
    public void fireUnknownThrowable(Throwable t) {
        log.debug("session {}: {}", sessionId, t.toString());
    }

    private record Outgoing(PduRequest<?> request, CompletableFuture<Integer> result) {
    }

    private void fail(PduRequest<?> request, Throwable cause) {
        CompletableFuture<Integer> future = awaiting.remove(request);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    private void failAll(String reason) {
        List<PduRequest<?>> pending = new ArrayList<>(awaiting.keySet());
        for (PduRequest<?> request : pending) {
            fail(request, new SmscSimulatorException(reason));
        }
    }
}
