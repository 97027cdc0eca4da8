package io.xsg.smpp.link;

import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import java.util.function.Consumer;

/**
 * What to do with deliver_sm and data_sm from the SMSC. The answer is given through {@code respond} once the content
 * is durable, possibly on another thread: the SMSC keeps (and will redeliver) what it has no answer for.
 */
@FunctionalInterface
public interface InboundRequests {

    void onRequest(PduRequest<?> request, Consumer<PduResponse> respond);
}
