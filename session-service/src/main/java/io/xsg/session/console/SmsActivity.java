package io.xsg.session.console;

import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.events.v1.sms.SmscEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The most recent SMS the links handled, as the operator's console shows them: each submit with its outcome and then
 * its receipts, each mobile-originated message as it arrived. Bounded: the oldest entry goes when a new one comes.
 * Texts are not kept (an operator sees traffic, not its content).
 */
public final class SmsActivity {

    /** One SMS as shown: {@code direction} MT (to a handset) or MO (from one). */
    public record Entry(String id, String direction, String link, String handset, String status, int segments,
                        int segmentsDelivered, String detail, Instant at, Instant updatedAt) {
    }

    private static final class Tracked {
        final String id;
        final String direction;
        final String link;
        final String handset;
        String status;
        int segments;
        final Set<String> deliveredParts = new HashSet<>();
        String detail;
        final Instant at;
        Instant updatedAt;
        final List<String> messageIds = new ArrayList<>();

        Tracked(String id, String direction, String link, String handset, Instant at) {
            this.id = id;
            this.direction = direction;
            this.link = link;
            this.handset = handset;
            this.at = at;
            this.updatedAt = at;
        }

        Entry view() {
            return new Entry(id, direction, link, handset, status, segments, deliveredParts.size(), detail, at,
                    updatedAt);
        }
    }

    private final int capacity;
    private final ArrayDeque<Tracked> recent = new ArrayDeque<>();
    private final Map<String, Tracked> byId = new HashMap<>();
    /** SMSC message id (per link) to its submit: receipts name those. */
    private final Map<String, Tracked> byMessageId = new HashMap<>();

    public SmsActivity(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void apply(SmscEvent event) {
        if (event instanceof SmsSubmitResult r) {
            submitted(r);
        } else if (event instanceof SmsDeliveryReport r) {
            receipt(r);
        } else if (event instanceof SmsMobileOriginated mo) {
            Tracked t = add(new Tracked(mo.moId(), "MO", mo.linkId(), mo.handset(), orNow(mo.receivedAt())));
            t.status = mo.complete() ? "RECEIVED" : "INCOMPLETE";
            t.segments = mo.parts();
            t.detail = "to " + mo.destination() + (mo.complete() ? "" : ", missing parts " + mo.missingParts());
        }
    }

    private void submitted(SmsSubmitResult r) {
        Tracked t = byId.get(r.submitId());
        if (t == null) {
            t = add(new Tracked(r.submitId(), "MT", r.linkId(), r.destination(), orNow(r.at())));
        }
        t.status = r.outcome().name();
        t.segments = r.segments();
        t.detail = r.commandStatus() == null ? r.detail()
                : "command_status 0x" + Integer.toHexString(r.commandStatus()) + (r.detail() == null ? ""
                        : " " + r.detail());
        t.updatedAt = orNow(r.at());
        for (String messageId : r.messageIds()) {
            t.messageIds.add(messageId);
            byMessageId.put(key(r.linkId(), messageId), t);
        }
    }

    private void receipt(SmsDeliveryReport r) {
        Tracked t = byMessageId.get(key(r.linkId(), r.messageId()));
        if (t == null) {
            // its submit is older than what is kept (or came through another path): show the receipt alone
            t = add(new Tracked("receipt:" + r.messageId(), "MT", r.linkId(), r.handset(), orNow(r.receivedAt())));
            t.segments = 1;
            t.messageIds.add(r.messageId());
            byMessageId.put(key(r.linkId(), r.messageId()), t);
        }
        if ("DELIVERED".equals(r.state())) {
            t.deliveredParts.add(r.messageId());
        }
        boolean allDelivered = t.segments > 0 && t.deliveredParts.size() >= t.segments;
        t.status = "DELIVERED".equals(r.state()) && !allDelivered ? "DELIVERED " + t.deliveredParts.size() + "/"
                + t.segments : r.state();
        t.detail = r.errorCode() == null || "000".equals(r.errorCode()) ? t.detail : "error " + r.errorCode();
        t.updatedAt = orNow(r.receivedAt());
    }

    private Tracked add(Tracked t) {
        recent.addLast(t);
        byId.put(t.id, t);
        while (recent.size() > capacity) {
            Tracked gone = recent.removeFirst();
            byId.remove(gone.id);
            for (String messageId : gone.messageIds) {
                byMessageId.remove(key(gone.link, messageId), gone);
            }
        }
        return t;
    }

    /** Newest first. */
    public synchronized List<Entry> recent() {
        List<Entry> out = new ArrayList<>(recent.size());
        recent.descendingIterator().forEachRemaining(t -> out.add(t.view()));
        return out;
    }

    private static String key(String link, String messageId) {
        return link + "\u0000" + messageId;
    }

    private static Instant orNow(Instant at) {
        return at != null ? at : Instant.now();
    }
}
