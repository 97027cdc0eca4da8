package io.xsg.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.xmpp.error.StanzaErrorCondition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One queue per handset (DESIGN.md §4), keyed by its E.164 number whatever address the sender used. An SMS waits
 * here until fewer than {@code gateway.sms.window} of the handset's SMS await their final receipt; it is then
 * released to its link's submit topic. A receipt, a refusal or {@code gateway.sms.receipt-timeout} frees the window
 * and the next one goes. One that expires while waiting is dropped, never sent late, and its sender told. Every
 * change holds the handset's row lock, so the stanza consumer, the receipt consumer and the timers of any number of
 * instances take turns per handset and never release one SMS twice.
 */
@Component
public class HandsetOutbox {

    /**
     * An SMS for a handset.
     *
     * @param handset   E.164
     * @param source    what the handset sees as the sender (a virtual number, the short code)
     * @param text      the text
     * @param expiresAt when it becomes obsolete
     * @param requester the XMPP sender to answer, or {@code null} for the bridge's own texts
     * @param recipient the address the sender wrote to (receipts and errors come from it), or {@code null}
     * @param stanzaId  the sender's stanza id, or {@code null}
     * @param receipt   whether the sender asked for XEP-0184 receipts
     */
    public record Sms(String handset, SmsSource source, String text, Instant expiresAt, String requester,
                      String recipient, String stanzaId, boolean receipt) {

        /** The bridge's own text from the short code (a command's answer, a notice). */
        public static Sms notice(String handset, String shortCode, String text, Instant expiresAt) {
            return new Sms(handset, SmsSource.shortCode(shortCode), text, expiresAt, null, null, null, false);
        }
    }

    private final SmsSubmits submits;
    private final Handsets handsets;
    private final BridgeStanzas stanzas;
    private final SmsBridgeProperties properties;
    private final Topics topics;
    private final Clock clock;
    private final Counter expired;

    public HandsetOutbox(SmsSubmits submits, Handsets handsets, BridgeStanzas stanzas, SmsBridgeProperties properties,
                         Topics topics, Clock clock, MeterRegistry registry) {
        this.submits = submits;
        this.handsets = handsets;
        this.stanzas = stanzas;
        this.properties = properties;
        this.topics = topics;
        this.clock = clock;
        this.expired = Counter.builder("sms.outbox.expired")
                .description("SMS dropped in a handset's outbox because they expired before their turn")
                .register(registry);
    }

    /**
     * Queues an SMS behind the handset's others and sends what its window allows.
     *
     * @param cause unique per thing that caused the SMS (a stanza's event id, a delivery id, an MO id and what it
     *              answers): the same cause seen again (Kafka redelivers after a crash) queues nothing new
     * @return the submit id
     */
    public String enqueue(String cause, Sms sms, BridgeOutput out) {
        handsets.lock(sms.handset());
        Instant now = clock.instant();
        String submitId = UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)).toString();
        String link = properties.linkFor(sms.handset());
        var request = new SmsSubmitRequest(submitId, link, sms.source(), sms.handset(), sms.text(), null, true,
                sms.expiresAt(), now, sms.stanzaId(), sms.requester());
        String topic = topics.smsSubmit(link);
        var submit = new SmsSubmits.Submit(submitId, sms.handset(), sms.requester(), sms.recipient(), sms.stanzaId(),
                sms.receipt());
        var occupancy = submits.occupancy(sms.handset(), now.minus(properties.receiptTimeout()));
        if (occupancy.waiting() == 0 && occupancy.inFlight() < properties.window() && now.isBefore(sms.expiresAt())) {
            if (submits.releasedAtOnce(submit, sms.expiresAt())) { // the usual case: an idle handset
                out.submit(topic, request);
            }
            return submitId;
        }
        submits.waiting(submit, new String(EventSerdes.smsSubmit().serialize(topic, request), StandardCharsets.UTF_8),
                sms.expiresAt());
        pumpLocked(sms.handset(), out);
        return submitId;
    }

    /** Sends what the handset's window allows now (after a receipt, or on the timer). */
    public void pump(String handset, BridgeOutput out) {
        handsets.lock(handset);
        pumpLocked(handset, out);
    }

    private void pumpLocked(String handset, BridgeOutput out) {
        Instant now = clock.instant();
        for (SmsSubmits.Waiting w : submits.expiredWaiting(handset, now)) {
            if (submits.expired(w.submitId())) {
                expired.increment();
                var submit = submits.find(w.submitId()).orElseThrow();
                if (submit.requester() != null) {
                    out.stanza(stanzas.error(submit, StanzaErrorCondition.REMOTE_SERVER_TIMEOUT,
                            "SMS expired before it could be sent"));
                }
            }
        }
        int room = properties.window() - submits.inFlight(handset, now.minus(properties.receiptTimeout()));
        if (room <= 0) {
            return;
        }
        var serde = EventSerdes.smsSubmit();
        for (SmsSubmits.Waiting w : submits.oldestWaiting(handset, room)) {
            if (submits.released(w.submitId())) {
                SmsSubmitRequest request = serde.deserialize(null, w.json().getBytes(StandardCharsets.UTF_8));
                out.submit(topics.smsSubmit(request.linkId()), request);
            }
        }
    }
}
