package io.xsg.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.events.v1.sms.SmscEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.xmpp.error.StanzaErrorCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the SMS side back to XMPP: a submit the SMSC refused, or one that expired unsent, becomes a stanza error to
 * its sender; the final receipts of all of an SMS's segments become one XEP-0184 {@code <received/>} (when the sender
 * asked for it), a failed segment an error. They come from the address the sender wrote to (the number's JID or the
 * pseudo client) through routing, like any stanza. Each final answer frees the handset's window in its
 * {@link HandsetOutbox}. Mobile-originated SMS go to {@link MobileOriginated}. Reads {@code sms.smsc-events} in a
 * consumer group of its own, so that the session service's instances share its partitions (a handset's events on one
 * partition, to one instance at a time), and commits after each batch is handled; each event's state change and the stanza it causes go together (the stanza is
 * acknowledged by Kafka before the change commits), so a crash repeats a stanza, whose id the edge recognises, and
 * never loses one.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true) // off in the host's CLI
public class SmscEventsToXmpp {

    private static final Logger log = LoggerFactory.getLogger(SmscEventsToXmpp.class);
    static final String GROUP = "session-service.sms-receipts";

    private final Topics topics;
    private final SmsSubmits submits;
    private final HandsetOutbox outboxes;
    private final Handsets handsets;
    private final MobileOriginated mobileOriginated;
    private final BridgeStanzas stanzas;
    private final StanzaPublisher publisher;
    private final TransactionTemplate transactions;
    private final MeterRegistry registry;

    public SmscEventsToXmpp(Topics topics, SmsSubmits submits, HandsetOutbox outboxes, Handsets handsets,
                            MobileOriginated mobileOriginated, BridgeStanzas stanzas, StanzaPublisher publisher,
                            TransactionTemplate transactions, MeterRegistry registry) {
        this.topics = topics;
        this.submits = submits;
        this.outboxes = outboxes;
        this.handsets = handsets;
        this.mobileOriginated = mobileOriginated;
        this.stanzas = stanzas;
        this.publisher = publisher;
        this.transactions = transactions;
        this.registry = registry;
    }

    /** A poll's worth of this group's partitions of {@code sms.smsc-events}; committed when this returns. */
    @KafkaListener(id = "sms-receipts", groupId = GROUP, topics = "#{@topics.smscEvents()}",
            containerFactory = SmsBridgeConfiguration.LISTENER_FACTORY)
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<SmscEvent> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                SmscEvent event = EventSerdes.smscEvent().deserialize(r.topic(), r.value());
                if (event != null) {
                    batch.add(event);
                }
            } catch (RuntimeException unreadable) {
                DeadLetters.countSkipped(registry, r.topic());
                log.warn("unreadable SMS event at {}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(),
                        unreadable.toString());
            }
        }
        if (!batch.isEmpty()) {
            handleBatch(batch);
        }
    }

    /**
     * A poll's events in one transaction, their output sent as it is made and acknowledged before the commit: one
     * database commit and one wait for Kafka per batch rather than per event. If the batch fails, each event is
     * tried on its own, so that one that cannot be handled costs only itself.
     */
    private void handleBatch(List<SmscEvent> batch) {
        try {
            transactions.executeWithoutResult(tx -> {
                var out = BridgeOutput.sending(publisher, topics);
                batch.forEach(event -> handle(event, out));
                out.await();
            });
        } catch (RuntimeException e) {
            log.warn("a batch of {} SMS events failed ({}); handling them one by one", batch.size(), e.toString());
            for (SmscEvent event : batch) {
                try {
                    handleWithRetries(event);
                } catch (RuntimeException again) {
                    DeadLetters.countSkipped(registry, topics.smscEvents());
                    log.error("SMS event for {} dropped after retries: {}", event.handset(), again.toString());
                }
            }
        }
    }

    /** A database or Kafka hiccup is waited out (a minute) rather than costing a sender its receipt. */
    private void handleWithRetries(SmscEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> {
                    var out = BridgeOutput.sending(publisher, topics);
                    handle(event, out);
                    out.await();
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= 12) {
                    throw e;
                }
                log.warn("SMS event for {} not handled yet ({}); retrying", event.handset(), e.toString());
                try {
                    TimeUnit.SECONDS.sleep(5);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    void handle(SmscEvent event, BridgeOutput out) {
        if (event instanceof SmsMobileOriginated mo) {
            mobileOriginated.handle(mo, out);
            return;
        }
        // the handset's lock first: the transaction that released this SMS holds it until its row is committed, so
        // a result that beats that commit waits for it rather than finding no row
        if (event instanceof SmsSubmitResult || event instanceof SmsDeliveryReport report && report.finalState()) {
            handsets.lock(event.handset());
        }
        if (event instanceof SmsSubmitResult result) {
            onResult(result, out);
        } else if (event instanceof SmsDeliveryReport report && report.finalState()) {
            boolean delivered = "DELIVERED".equals(report.state());
            submits.receipt(report.linkId(), report.messageId(), delivered).ifPresent(r -> settled(r.submit(),
                    r.settled(), report.state() + (report.errorCode() == null ? "" : " (error "
                            + report.errorCode() + ")"), out));
        } else {
            return;
        }
        outboxes.pump(event.handset(), out); // a final answer frees the handset's window
    }

    private void settled(SmsSubmits.Submit submit, SmsSubmits.Settled settled, String state, BridgeOutput out) {
        if (submit.requester() == null) {
            return; // the bridge's own text: nobody waits for it
        }
        switch (settled) {
            case DELIVERED -> {
                if (submit.receiptRequested() && submit.stanzaId() != null) {
                    out.stanza(stanzas.receipt(submit));
                }
            }
            case FAILED -> out.stanza(stanzas.error(submit, StanzaErrorCondition.RECIPIENT_UNAVAILABLE,
                    "SMS not delivered: " + state));
            case NOTHING -> {
            }
        }
    }

    private void onResult(SmsSubmitResult result, BridgeOutput out) {
        var submit = submits.find(result.submitId());
        if (submit.isEmpty()) {
            return; // not this bridge's (another producer of submit requests)
        }
        switch (result.outcome()) {
            case ACCEPTED -> submits.accepted(result.submitId(), result.linkId(), result.messageIds())
                    .ifPresent(settled -> settled(submit.get(), settled, "receipt before result", out));
            case REJECTED -> {
                if (submits.failed(result.submitId()) && submit.get().requester() != null) {
                    out.stanza(stanzas.error(submit.get(), StanzaErrorCondition.SERVICE_UNAVAILABLE,
                            "SMS refused: " + result.detail()));
                }
            }
            case EXPIRED -> {
                if (submits.failed(result.submitId()) && submit.get().requester() != null) {
                    out.stanza(stanzas.error(submit.get(), StanzaErrorCondition.REMOTE_SERVER_TIMEOUT,
                            "SMS expired before it could be sent"));
                }
            }
        }
    }
}
