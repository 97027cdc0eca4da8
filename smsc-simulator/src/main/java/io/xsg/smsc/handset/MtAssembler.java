package io.xsg.smsc.handset;

import io.xsg.sms.segment.ConcatInfo;
import io.xsg.sms.segment.InboundUserData;
import io.xsg.sms.segment.Reassembler;
import io.xsg.sms.segment.ReassembledSms;
import io.xsg.sms.segment.Sar;
import io.xsg.sms.text.SmsText;
import io.xsg.smsc.SubmittedPdu;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts MT segments back together (UDH 8/16-bit, SAR, message_payload) with sms-core's
 * {@link Reassembler} and files each complete text in the destination handset's thread, with the
 * SMSC ids of its parts so receipts can update its status.
 */
public final class MtAssembler {
    private static final Logger log = LoggerFactory.getLogger(MtAssembler.class);

    private final Handsets handsets;
    private final Reassembler reassembler;
    private final Clock clock;
    // the SMSC ids of the parts of each set still open, oldest set first; bounded like the reassembler
    private final Map<SetKey, List<String>> openSets = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SetKey, List<String>> eldest) {
            return size() > Handsets.MAX_HANDSETS;
        }
    };

    public MtAssembler(Handsets handsets, Reassembler reassembler, Clock clock) {
        this.handsets = handsets;
        this.reassembler = reassembler;
        this.clock = clock;
    }

    /**
     * Takes one accepted submit. Never throws: an undecodable segment is logged and filed as such,
     * the SMSC accepted it all the same.
     *
     * @return this segment's decoded text, for the receipt's {@code text:} field
     */
    public synchronized String accept(SubmittedPdu pdu) {
        String source = pdu.source().msisdn();
        String destination = pdu.destination().msisdn();
        InboundUserData parsed;
        try {
            Optional<Sar> sar = pdu.sar();
            parsed = InboundUserData.parse(pdu.esmClass(), pdu.userDataBytes(),
                    sar.map(Sar::reference).orElse(null), sar.map(Sar::total).orElse(null),
                    sar.map(Sar::sequence).orElse(null));
        } catch (RuntimeException e) {
            log.debug("MT {} has unreadable user data: {}", pdu.messageId(), e.toString());
            handsets.recordMt(destination, source, "[unreadable user data]", 1, List.of(pdu.messageId()),
                    pdu.arrivedAt(), true);
            return "";
        }
        byte[] userData = parsed.userData();
        String partText = decode(userData, pdu.dataCoding());
        ConcatInfo concat = parsed.concat();
        List<String> ids;
        SetKey key = null;
        if (concat == null) {
            ids = List.of(pdu.messageId());
        } else {
            key = new SetKey(source, destination, concat.reference(), concat.total(), concat.sixteenBitReference());
            ids = openSets.computeIfAbsent(key, k -> new ArrayList<>());
            ids.add(pdu.messageId());
        }
        Optional<ReassembledSms> done;
        try {
            done = reassembler.accept(source, destination, pdu.dataCoding(), userData, concat);
        } catch (RuntimeException e) {
            log.debug("MT {} could not be reassembled: {}", pdu.messageId(), e.toString());
            done = Optional.empty();
        }
        if (done.isPresent()) {
            if (key != null) {
                openSets.remove(key);
            }
            file(done.get(), ids, pdu.arrivedAt());
        }
        return partText;
    }

    /** Files the sets the reassembler gave up on as PARTIAL messages. Called by the simulator's timer. */
    public synchronized void expire() {
        List<ReassembledSms> expired = new ArrayList<>();
        try {
            expired.addAll(reassembler.expire());
            // sets pushed out because too many were open are as incomplete as timed-out ones
            expired.addAll(reassembler.drainEvicted());
        } catch (RuntimeException e) {
            log.warn("reassembly sweep failed: {}", e.toString());
            return;
        }
        for (ReassembledSms partial : expired) {
            file(partial, takeOldestSet(partial.source(), partial.destination()), clock.instant());
        }
    }

    private void file(ReassembledSms sms, List<String> ids, Instant at) {
        handsets.recordMt(sms.destination(), sms.source(), sms.text(), sms.parts(), ids, at, sms.complete());
    }

    private List<String> takeOldestSet(String source, String destination) {
        Iterator<Map.Entry<SetKey, List<String>>> it = openSets.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<SetKey, List<String>> e = it.next();
            if (e.getKey().source.equals(source) && e.getKey().destination.equals(destination)) {
                it.remove();
                return e.getValue();
            }
        }
        return List.of();
    }

    private static String decode(byte[] userData, int dataCoding) {
        try {
            return SmsText.decode(userData, 0, userData.length, dataCoding);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private record SetKey(String source, String destination, int reference, int total, boolean sixteenBit) {
    }
}
