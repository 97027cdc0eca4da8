package io.xsg.smsc.submit;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.tlv.TlvConvertException;
import com.cloudhopper.smpp.type.Address;
import io.xsg.sms.segment.Sar;
import io.xsg.sms.time.SmppTime;
import io.xsg.smsc.ResponseIdFormat;
import io.xsg.smsc.SimAddress;
import io.xsg.smsc.SubmittedPdu;
import io.xsg.smsc.handset.MtAssembler;
import io.xsg.smsc.receipt.ReceiptScheduler;
import io.xsg.smsc.server.EsmeConnection;
import io.xsg.smsc.server.Faults;
import io.xsg.smsc.server.SubmitProcessor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers submit_sm: faults and throttling first, then an id, the journal, the handset and the
 * receipt timer. Runs on Netty I/O threads, so everything here is quick and non-blocking.
 */
public final class SubmitService implements SubmitProcessor {
    private static final Logger log = LoggerFactory.getLogger(SubmitService.class);
    /** Ids start at ten digits so that hex ids contain letters and decimal ones fill the receipt's id field. */
    public static final long FIRST_ID = 1_000_000_000L;

    private final ResponseIdFormat idFormat;
    private final Faults faults;
    private final SubmitJournal journal;
    private final MtAssembler mtAssembler;
    private final ReceiptScheduler receipts;
    private final Clock clock;
    private final AtomicLong ids;

    public SubmitService(ResponseIdFormat idFormat, Faults faults, SubmitJournal journal, MtAssembler mtAssembler,
            ReceiptScheduler receipts, Clock clock, AtomicLong ids) {
        this.idFormat = idFormat;
        this.faults = faults;
        this.journal = journal;
        this.mtAssembler = mtAssembler;
        this.receipts = receipts;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public PduResponse onSubmit(EsmeConnection esme, SubmitSm submit) {
        SubmitSmResp resp = submit.createResponse();
        if (!esme.canTransmit()) {
            return withStatus(resp, SmppConstants.STATUS_INVBNDSTS);
        }
        if (faults.unresponsive()) {
            log.debug("unresponsive: submit_sm {} left unanswered", submit.getSequenceNumber());
            return null;
        }
        OptionalInt failure = faults.takeFailure();
        if (failure.isPresent()) {
            return withStatus(resp, failure.getAsInt());
        }
        if (!esme.tryAcquireSubmit(System.nanoTime())) {
            return withStatus(resp, SmppConstants.STATUS_THROTTLED);
        }
        Instant now = clock.instant();
        String validity = submit.getValidityPeriod() == null ? "" : submit.getValidityPeriod();
        Instant validityEnd;
        try {
            validityEnd = validity.isEmpty() ? null : SmppTime.parse(validity, now);
        } catch (RuntimeException e) {
            return withStatus(resp, SmppConstants.STATUS_INVEXPIRY);
        }
        long id = ids.incrementAndGet();
        String messageId = idFormat.format(id);
        SubmittedPdu pdu = record(esme, submit, validity, messageId, now);
        journal.add(pdu);
        String text = mtAssembler.accept(pdu);
        receipts.schedule(pdu, id, validityEnd, esme.sessionId(), text);
        resp.setMessageId(messageId);
        return resp;
    }

    private static SubmittedPdu record(EsmeConnection esme, SubmitSm submit, String validity, String messageId,
            Instant now) {
        Tlv payload = submit.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
        return new SubmittedPdu(submit.getSequenceNumber(), esme.systemId(), address(submit.getSourceAddress()),
                address(submit.getDestAddress()), submit.getDataCoding() & 0xFF, submit.getEsmClass() & 0xFF,
                submit.getRegisteredDelivery() & 0xFF, validity, submit.getShortMessage(), sar(submit),
                payload == null ? null : payload.getValue(), messageId, now);
    }

    static SimAddress address(Address a) {
        if (a == null) {
            return new SimAddress("", 0, 0);
        }
        return new SimAddress(a.getAddress() == null ? "" : a.getAddress(), a.getTon() & 0xFF, a.getNpi() & 0xFF);
    }

    private static Optional<Sar> sar(SubmitSm submit) {
        Tlv ref = submit.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM);
        Tlv total = submit.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS);
        Tlv seq = submit.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM);
        if (ref == null || total == null || seq == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sar(ref.getValueAsUnsignedShort(), total.getValueAsUnsignedByte(),
                    seq.getValueAsUnsignedByte()));
        } catch (TlvConvertException | RuntimeException e) {
            log.debug("malformed SAR TLVs in submit_sm {}: {}", submit.getSequenceNumber(), e.toString());
            return Optional.empty();
        }
    }

    private static PduResponse withStatus(SubmitSmResp resp, int status) {
        resp.setCommandStatus(status);
        return resp;
    }
}
