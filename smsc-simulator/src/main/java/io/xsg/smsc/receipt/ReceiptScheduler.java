package io.xsg.smsc.receipt;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import io.xsg.sms.receipt.DeliveryReceiptFormatter;
import io.xsg.sms.receipt.ReceiptState;
import io.xsg.smsc.SimulatorSettings;
import io.xsg.smsc.SimAddress;
import io.xsg.smsc.SubmittedPdu;
import io.xsg.smsc.handset.Handsets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays out each submitted segment's fate on a timer: updates the handset and sends the receipt. */
public final class ReceiptScheduler {
    private static final Logger log = LoggerFactory.getLogger(ReceiptScheduler.class);
    private static final int TEXT_PREVIEW = 20;

    private final SimulatorSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ReceiptOutbox outbox;
    private final Handsets handsets;
    private final Clock clock;

    public ReceiptScheduler(SimulatorSettings settings, ScheduledExecutorService scheduler, ReceiptOutbox outbox,
            Handsets handsets, Clock clock) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.handsets = handsets;
        this.clock = clock;
    }

    /**
     * @param numericId   the id as a number: the receipt text always spells it in decimal
     * @param validityEnd null when the submit had no validity period
     * @param textPreview the start of the decoded text for the receipt's {@code text:} field
     */
    public void schedule(SubmittedPdu pdu, long numericId, Instant validityEnd, long sessionId, String textPreview) {
        ReceiptPlan plan = ReceiptPlan.of(pdu.destination(), pdu.arrivedAt(), validityEnd, pdu.registeredDelivery(),
                settings.receiptRules(), settings.receiptDelay().plusMillis(jitterMillis()));
        long delayMillis = Math.max(0, Duration.between(clock.instant(), plan.doneAt()).toMillis());
        try {
            scheduler.schedule(() -> complete(pdu, numericId, plan, sessionId, textPreview), delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("simulator stopping, no receipt for {}", pdu.messageId());
        }
    }

    private long jitterMillis() {
        long jitter = settings.receiptJitter().toMillis();
        return jitter <= 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(jitter + 1);
    }

    private void complete(SubmittedPdu pdu, long numericId, ReceiptPlan plan, long sessionId, String textPreview) {
        handsets.receiptOutcome(pdu.messageId(), plan.state().stat());
        if (!plan.sendReceipt()) {
            return;
        }
        try {
            outbox.deliver(pdu.systemId(), sessionId, receipt(pdu, numericId, plan, textPreview));
        } catch (RuntimeException | SmppInvalidArgumentException e) {
            log.warn("could not build the receipt for {}: {}", pdu.messageId(), e.toString());
        }
    }

    /** The deliver_sm receipt: from the handset back to the submitter's source address. */
    DeliverSm receipt(SubmittedPdu pdu, long numericId, ReceiptPlan plan, String textPreview)
            throws SmppInvalidArgumentException {
        ReceiptState state = plan.state();
        String preview = textPreview.length() > TEXT_PREVIEW ? textPreview.substring(0, TEXT_PREVIEW) : textPreview;
        String text = DeliveryReceiptFormatter.format(Long.toString(numericId), 1,
                state == ReceiptState.DELIVERED ? 1 : 0, pdu.arrivedAt(), plan.doneAt(), state, plan.errorCode(),
                preview, settings.receiptZone());
        DeliverSm receipt = new DeliverSm();
        receipt.setSourceAddress(address(pdu.destination()));
        receipt.setDestAddress(address(pdu.source()));
        receipt.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
        receipt.setDataCoding((byte) 0);
        receipt.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
        if (settings.receiptTlvs()) {
            receipt.addOptionalParameter(cString(SmppConstants.TAG_RECEIPTED_MSG_ID, pdu.messageId()));
            receipt.addOptionalParameter(new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {(byte) state.messageState()}));
            int error = parseError(plan.errorCode());
            if (error > 0) {
                // network type 3 = GSM, then the error code in two octets
                receipt.addOptionalParameter(new Tlv(SmppConstants.TAG_NETWORK_ERROR_CODE,
                        new byte[] {3, (byte) (error >> 8), (byte) error}));
            }
        }
        return receipt;
    }

    static Address address(SimAddress a) {
        return new Address((byte) a.ton(), (byte) a.npi(), a.address());
    }

    private static Tlv cString(short tag, String value) {
        byte[] chars = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] withNul = new byte[chars.length + 1];
        System.arraycopy(chars, 0, withNul, 0, chars.length);
        return new Tlv(tag, withNul);
    }

    private static int parseError(String code) {
        try {
            return Integer.parseInt(code) & 0xFFFF;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
