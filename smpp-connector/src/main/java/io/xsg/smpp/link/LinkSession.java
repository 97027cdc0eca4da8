package io.xsg.smpp.link;

import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DataSm;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.Pdu;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.type.RecoverablePduException;
import com.cloudhopper.smpp.type.UnknownCommandIdException;
import com.cloudhopper.smpp.type.UnrecoverablePduException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound Cloudhopper session and its handler. Each request carries its future as the PDU's reference object, so
 * the asynchronous response, an expiry, or the loss of the channel completes exactly that future. Overrides every
 * callback of {@link DefaultSmppSessionHandler}, whose defaults log a warning per asynchronous response.
 */
final class LinkSession extends DefaultSmppSessionHandler {

    private static final Logger log = LoggerFactory.getLogger(LinkSession.class);

    private final String name;
    private final InboundRequests inbound;
    private final Consumer<String> onLost;
    private final Set<CompletableFuture<PduResponse>> outstanding = ConcurrentHashMap.newKeySet();
    private volatile SmppSession session;

    LinkSession(String name, InboundRequests inbound, Consumer<String> onLost) {
        super(log);
        this.name = name;
        this.inbound = inbound;
        this.onLost = onLost;
    }

    void attach(SmppSession session) {
        this.session = session;
    }

    CompletableFuture<PduResponse> send(PduRequest<?> request, long timeoutMillis) {
        var future = new CompletableFuture<PduResponse>();
        SmppSession s = session;
        if (s == null || !s.isBound()) {
            future.completeExceptionally(new LinkUnavailableException(name + " is not bound"));
            return future;
        }
        request.setReferenceObject(future);
        outstanding.add(future);
        future.whenComplete((r, e) -> outstanding.remove(future));
        try {
            s.sendRequestPdu(request, timeoutMillis, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.completeExceptionally(new LinkUnavailableException(name + ": interrupted"));
        } catch (Exception e) {
            RuntimeException failure = SmppLink.sendFailure(name, e);
            future.completeExceptionally(failure);
            if (failure instanceof LinkUnavailableException) {
                onLost.accept("write failed: " + SmppLink.describe(e));
            }
        }
        return future;
    }

    void respond(PduResponse response) {
        SmppSession s = session;
        if (s == null) {
            return; // the SMSC redelivers what it has no answer for
        }
        try {
            s.sendResponsePdu(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{}: cannot send {}: {}", name, response.getName(), SmppLink.describe(e));
        }
    }

    void unbind(long timeoutMillis) {
        SmppSession s = session;
        if (s != null && s.isBound()) {
            s.unbind(timeoutMillis);
        }
    }

    void destroy(RuntimeException cause) {
        SmppSession s = session;
        session = null;
        if (s != null) {
            s.destroy();
        }
        for (CompletableFuture<PduResponse> f : outstanding) {
            f.completeExceptionally(cause);
        }
    }

    @Override
    public PduResponse firePduRequestReceived(PduRequest request) {
        if (request instanceof EnquireLink) {
            return request.createResponse();
        }
        if (request instanceof Unbind) {
            // answer before the link tears the session down, or the SMSC never sees unbind_resp
            respond(request.createResponse());
            onLost.accept("the SMSC unbound");
            return null;
        }
        if (request instanceof DeliverSm || request instanceof DataSm) {
            inbound.onRequest(request, this::respond);
            return null;
        }
        log.warn("{}: unexpected {} from the SMSC; answering generic_nack", name, request.getName());
        return request.createGenericNack(SmppConstants.STATUS_INVCMDID);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
        Object ref = response.getRequest().getReferenceObject();
        if (ref instanceof CompletableFuture) {
            ((CompletableFuture<PduResponse>) ref).complete(response.getResponse());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void firePduRequestExpired(PduRequest request) {
        Object ref = request.getReferenceObject();
        if (ref instanceof CompletableFuture) {
            ((CompletableFuture<PduResponse>) ref).completeExceptionally(
                    new ResponseTimeoutException(name + ": no response to " + request.getName()));
        }
    }

    @Override
    public void fireUnexpectedPduResponseReceived(PduResponse response) {
        // a response after its request expired: the request has already been failed and retried
        log.debug("{}: late {} seq {}", name, response.getName(), response.getSequenceNumber());
    }

    @Override
    public void fireChannelUnexpectedlyClosed() {
        onLost.accept("connection closed by the SMSC");
    }

    @Override
    public void fireRecoverablePduException(RecoverablePduException e) {
        Pdu partial = e.getPartialPdu();
        log.warn("{}: undecodable PDU ({}); answering generic_nack", name, e.getMessage());
        if (partial instanceof PduRequest) {
            int status = e instanceof UnknownCommandIdException ? SmppConstants.STATUS_INVCMDID
                    : SmppConstants.STATUS_INVMSGLEN;
            respond(((PduRequest<?>) partial).createGenericNack(status));
        }
    }

    @Override
    public void fireUnrecoverablePduException(UnrecoverablePduException e) {
        // framing is lost: nothing after this can be trusted on this connection
        onLost.accept("unrecoverable PDU: " + e.getMessage());
    }

    @Override
    public void fireUnknownThrowable(Throwable t) {
        onLost.accept("transport error: " + SmppLink.describe(t));
    }
}
