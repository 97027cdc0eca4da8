package io.xsg.smsc.server;

import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;

/** Answers a submit_sm; runs on a Netty I/O thread, so it must not block. */
@FunctionalInterface
public interface SubmitProcessor {
    /** @return the response to send, or {@code null} to send none (an unresponsive SMSC) */
    PduResponse onSubmit(EsmeConnection esme, SubmitSm submit);
}
