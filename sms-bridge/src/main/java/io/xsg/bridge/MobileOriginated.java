package io.xsg.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.bridge.SubscriberDirectory.Subscriber;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SMS → XMPP (DESIGN.md §4), the entry: an MO id seen before (an SMSC delivering again) is dropped; a handset sending
 * more than {@code gateway.sms.mo-per-minute} is counted and ignored for the rest of the minute, told once. Otherwise
 * the handset is locked, the SMS classified once ({@link MoRoute.Kind}: to the short code a command, or from a
 * stranger; to one of the handset's virtual numbers a chat message to its party; an unallocated virtual number; a
 * number this service does not answer at) and sent to {@link MobileOriginatedFlow}, whose router hands it to its
 * handler in {@link MoHandlers}.
 */
@Component
public class MobileOriginated {

    private final Handsets handsets;
    private final MoHandlers handlers;
    private final VirtualNumbers numbers;
    private final SubscriberDirectory subscribers;
    private final SmsBridgeProperties properties;
    private final MessageChannel router;
    private final Clock clock;
    private final MeterRegistry registry;
    /** MO per handset in the current minute: a flood is refused before it costs a transaction each. */
    private final Map<String, int[]> minute = new ConcurrentHashMap<>();
    private volatile long minuteStarted;

    public MobileOriginated(Handsets handsets, MoHandlers handlers, VirtualNumbers numbers,
                            SubscriberDirectory subscribers, SmsBridgeProperties properties,
                            @Qualifier(MobileOriginatedFlow.CHANNEL) MessageChannel router, Clock clock,
                            MeterRegistry registry) {
        this.handsets = handsets;
        this.handlers = handlers;
        this.numbers = numbers;
        this.subscribers = subscribers;
        this.properties = properties;
        this.router = router;
        this.clock = clock;
        this.registry = registry;
        this.minuteStarted = clock.millis();
    }

    /** One MO SMS, inside the caller's transaction. */
    public void handle(SmsMobileOriginated mo, BridgeOutput out) {
        if (!handsets.firstSight(mo.moId())) {
            count("duplicate");
            return;
        }
        String handset = mo.handset();
        int sent = sentThisMinute(handset);
        if (sent > properties.moPerMinute()) {
            count("flood");
            if (sent == properties.moPerMinute() + 1) {
                handlers.reply(mo.moId(), handset, "Too many messages from this phone; the next ones this minute are"
                        + " ignored.", out);
            }
            return;
        }
        handsets.lock(handset);
        Subscriber subscriber = subscribers.byNumber(handset).orElse(null);
        String destination = mo.destination().strip();
        String text = mo.complete() ? mo.text() : mo.text() + " […]";
        String party = null;
        MoRoute.Kind kind;
        if (destination.equalsIgnoreCase(properties.shortCode())) {
            kind = subscriber == null ? MoRoute.Kind.STRANGER : MoRoute.Kind.COMMAND;
        } else if (!numbers.isVirtual(destination)) {
            kind = MoRoute.Kind.UNKNOWN_DESTINATION;
        } else {
            party = numbers.jidFor(handset, destination).orElse(null);
            kind = party == null ? MoRoute.Kind.UNALLOCATED : MoRoute.Kind.CHAT;
        }
        count(kind.name().toLowerCase(java.util.Locale.ROOT));
        router.send(MessageBuilder.withPayload(new MoRoute(mo, subscriber, text, party, kind, out)).build());
    }

    private int sentThisMinute(String handset) {
        long now = clock.millis();
        if (now - minuteStarted >= 60_000) {
            minute.clear();
            minuteStarted = now;
        }
        int[] n = minute.computeIfAbsent(handset, h -> new int[1]);
        int count;
        synchronized (n) {
            count = ++n[0];
        }
        // a batch that rolls back and runs again must not count the same SMS twice
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        synchronized (n) {
                            n[0]--;
                        }
                    }
                }
            });
        }
        return count;
    }

    private void count(String outcome) {
        registry.counter("sms.mo", "outcome", outcome).increment();
    }
}
