package io.xsg.smpp.inbound;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.BaseSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.tlv.TlvConvertException;
import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMoPart;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.smpp.config.ConnectorProperties.Link;
import io.xsg.smpp.health.LinkMetrics;
import io.xsg.smpp.link.InboundRequests;
import io.xsg.smpp.publish.SmscPublisher;
import io.xsg.sms.address.PhoneNumbers;
import io.xsg.sms.receipt.DeliveryReceipt;
import io.xsg.sms.receipt.DeliveryReceiptParser;
import io.xsg.sms.segment.InboundUserData;
import io.xsg.sms.text.SmsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * deliver_sm and data_sm from the SMSC: delivery receipts become {@link SmsDeliveryReport}s, single MO SMS become
 * {@link SmsMobileOriginated}, and parts of concatenated MO SMS go to the link's parts topic for
 * {@link MoReassembly}. The SMSC gets its answer only once that event is durable in Kafka, so a crash never loses a
 * receipt or an MO: unanswered, the SMSC delivers it again. Content that can never be processed (a receipt without
 * an id, a malformed UDH, an unknown data_coding, no source address) is answered with ESME_RX_P_APPN, so the SMSC
 * neither retries it forever nor believes it delivered. A source that is no E.164 number (a national number the
 * link's region cannot place, a short code, a name) is passed on as the SMSC gave it rather than refused: for a
 * receipt it is only the event key, and an MO from it is still somebody's text.
 *
 * <p>Answers are written on a thread of the link's own: Cloudhopper blocks the writer until the PDU is on the socket,
 * which must hold up neither the Kafka producer's callback thread (shared by every link) nor Netty's I/O thread.
 */
public final class DeliverSmHandler implements InboundRequests, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliverSmHandler.class);

    static final int ESME_RX_T_APPN = 0x00000064;
    static final int ESME_RX_P_APPN = 0x00000065;
    private static final int MESSAGE_TYPE_MASK = 0x3C;
    private static final int SMSC_DELIVERY_RECEIPT = 0x04;
    private static final int INTERMEDIATE_NOTIFICATION = 0x20;

    private final Link link;
    private final SmscPublisher publisher;
    private final LinkMetrics metrics;
    private final PhoneNumbers numbers;
    private final ExecutorService responder;

    public DeliverSmHandler(Link link, SmscPublisher publisher, LinkMetrics metrics) {
        this.link = link;
        this.publisher = publisher;
        this.metrics = metrics;
        this.numbers = new PhoneNumbers(link.defaultRegion());
        this.responder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "smpp-" + link.id() + "-responder");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onRequest(PduRequest<?> request, Consumer<PduResponse> respond) {
        var sm = (BaseSm<?>) request;
        CompletableFuture<Void> durable;
        try {
            int type = sm.getEsmClass() & MESSAGE_TYPE_MASK;
            durable = type == SMSC_DELIVERY_RECEIPT || type == INTERMEDIATE_NOTIFICATION ? receipt(sm) : mobile(sm);
        } catch (IllegalArgumentException | TlvConvertException e) {
            log.warn("link {}: refusing {} from {}: {}", link.id(), sm.getName(), address(sm), e.getMessage());
            metrics.rejectedInbound();
            respond.accept(answer(sm, ESME_RX_P_APPN));
            return;
        }
        durable.whenCompleteAsync((ok, error) -> {
            if (error == null) {
                respond.accept(answer(sm, SmppConstants.STATUS_OK));
            } else {
                // temporary: the SMSC keeps it and tries again, by when Kafka may be back
                log.warn("link {}: cannot make {} durable ({}); answering ESME_RX_T_APPN", link.id(),
                        sm.getName(), error.toString());
                respond.accept(answer(sm, ESME_RX_T_APPN));
            }
        }, responder);
    }

    private CompletableFuture<Void> receipt(BaseSm<?> sm) throws TlvConvertException {
        Tlv idTlv = sm.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        Tlv stateTlv = sm.getOptionalParameter(SmppConstants.TAG_MSG_STATE);
        Tlv errorTlv = sm.getOptionalParameter(SmppConstants.TAG_NETWORK_ERROR_CODE);
        String text = new String(body(sm), StandardCharsets.ISO_8859_1);
        DeliveryReceipt receipt = DeliveryReceiptParser.parse(
                idTlv == null ? null : idTlv.getValueAsString(),
                stateTlv == null ? null : (int) stateTlv.getValueAsUnsignedByte(),
                errorTlv == null ? null : networkError(errorTlv.getValue()),
                text, link.submitIdFormat(), link.receiptIdFormat(), ZoneOffset.UTC);
        // a receipt comes from the handset the message went to; receipted_message_id is written as in
        // submit_sm_resp (SMPP 3.4 §5.3.2.12), the receipt text as the SMSC likes
        String handset = handset(sm);
        metrics.receipt(receipt.messageId(), receipt.state().isFinal());
        return publisher.publish(new SmsDeliveryReport(link.id(), receipt.messageId(), handset,
                receipt.state().name(), receipt.state().isFinal(), receipt.errorCode(), receipt.doneDate(),
                Instant.now()));
    }

    private CompletableFuture<Void> mobile(BaseSm<?> sm) {
        String handset = handset(sm);
        String destination = sm.getDestAddress() == null ? "" : sm.getDestAddress().getAddress();
        var data = InboundUserData.parse(sm.getEsmClass() & 0xFF, body(sm), tlvInt(sm, SmppConstants.TAG_SAR_MSG_REF_NUM),
                tlvInt(sm, SmppConstants.TAG_SAR_TOTAL_SEGMENTS), tlvInt(sm, SmppConstants.TAG_SAR_SEGMENT_SEQNUM));
        int dcs = sm.getDataCoding() & 0xFF;
        if (data.concat() == null) {
            String text = SmsText.decode(data.userData(), 0, data.userData().length, dcs);
            metrics.mobileOriginated();
            String moId = MoIds.singlePart(handset, destination, sm.getEsmClass(), dcs, data.userData(),
                    tlvInt(sm, SmppConstants.TAG_USER_MESSAGE_REFERENCE));
            return publisher.publish(new SmsMobileOriginated(moId, link.id(), handset, destination, text, 1, true,
                    List.of(), Instant.now()));
        }
        // fail now, not at reassembly, if the parts can never be decoded
        SmsText.decode(new byte[0], 0, 0, dcs);
        var c = data.concat();
        return publisher.publishPart(new SmsMoPart(link.id(), handset, destination, dcs, data.userData(),
                c.reference(), c.total(), c.sequence(), c.sixteenBitReference(), Instant.now()));
    }

    private String handset(BaseSm<?> sm) {
        if (sm.getSourceAddress() == null) {
            throw new IllegalArgumentException("no source address");
        }
        var a = sm.getSourceAddress();
        if (a.getAddress() == null || a.getAddress().isBlank()) {
            throw new IllegalArgumentException("empty source address");
        }
        try {
            return numbers.fromSmpp(a.getTon(), a.getNpi(), a.getAddress()).e164();
        } catch (IllegalArgumentException notE164) {
            log.debug("link {}: source {} (ton {}) is no E.164 number; passed on as given", link.id(),
                    a.getAddress(), a.getTon());
            return a.getAddress().trim();
        }
    }

    /** The short_message, or message_payload when the SMSC put the text there. */
    private static byte[] body(BaseSm<?> sm) {
        Tlv payload = sm.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
        if (payload != null && (sm.getShortMessage() == null || sm.getShortMessage().length == 0)) {
            return payload.getValue();
        }
        return sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
    }

    private static Integer tlvInt(BaseSm<?> sm, short tag) {
        Tlv tlv = sm.getOptionalParameter(tag);
        if (tlv == null) {
            return null;
        }
        byte[] v = tlv.getValue();
        int n = 0;
        for (byte b : v) {
            n = (n << 8) | (b & 0xFF);
        }
        return n;
    }

    /** network_error_code: a network type octet then a two-octet code; reported as "type:code". */
    private static String networkError(byte[] v) {
        if (v == null || v.length < 3) {
            return null;
        }
        return (v[0] & 0xFF) + ":" + (((v[1] & 0xFF) << 8) | (v[2] & 0xFF));
    }

    private static String address(BaseSm<?> sm) {
        return sm.getSourceAddress() == null ? "?" : sm.getSourceAddress().getAddress();
    }

    /** After the link has unbound: answers still pending are of no use to a closed session. */
    @Override
    public void close() {
        responder.shutdown();
        try {
            responder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PduResponse answer(BaseSm<?> sm, int status) {
        PduResponse response = sm.createResponse();
        response.setCommandStatus(status);
        return response;
    }
}
