package io.xsg.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.bridge.SubscriberDirectory.Subscriber;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SMS → XMPP (DESIGN.md §4). To the short code: a command ({@link ShortCodeCommands}). To one of the handset's
 * virtual numbers: a chat message to the party the number stands for, from the handset's pseudo client
 * ({@code joe@a.test/sms}) or, for a number that is no subscriber, from {@code +E164@sms.<domain>}. Anything else
 * (an unallocated virtual number, a number the bridge does not serve, a command from a stranger) is answered by SMS
 * with what to do. An MO id seen before (an SMSC delivering again) is dropped; a handset sending more than
 * {@code gateway.sms.mo-per-minute} is counted and ignored for the rest of the minute, told once.
 */
@Component
public class MobileOriginated {

    private static final Logger log = LoggerFactory.getLogger(MobileOriginated.class);

    private final Handsets handsets;
    private final HandsetOutbox outboxes;
    private final ShortCodeCommands commands;
    private final VirtualNumbers numbers;
    private final PseudoClients pseudo;
    private final SubscriberDirectory subscribers;
    private final BridgeStanzas stanzas;
    private final SmsBridgeProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    /** MO per handset in the current minute: a flood is refused before it costs a transaction each. */
    private final Map<String, int[]> minute = new ConcurrentHashMap<>();
    private volatile long minuteStarted;

    public MobileOriginated(Handsets handsets, HandsetOutbox outboxes, ShortCodeCommands commands,
                            VirtualNumbers numbers, PseudoClients pseudo, SubscriberDirectory subscribers,
                            BridgeStanzas stanzas, SmsBridgeProperties properties, Clock clock,
                            MeterRegistry registry) {
        this.handsets = handsets;
        this.outboxes = outboxes;
        this.commands = commands;
        this.numbers = numbers;
        this.pseudo = pseudo;
        this.subscribers = subscribers;
        this.stanzas = stanzas;
        this.properties = properties;
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
                reply(mo, handset, "Too many messages from this phone; the next ones this minute are ignored.", out);
            }
            return;
        }
        handsets.lock(handset);
        Optional<Subscriber> subscriber = subscribers.byNumber(handset);
        String destination = mo.destination().strip();
        String text = mo.complete() ? mo.text() : mo.text() + " […]";
        if (destination.equalsIgnoreCase(properties.shortCode())) {
            if (subscriber.isEmpty()) {
                count("not-subscribed");
                reply(mo, handset, ShortCodeCommands.notSubscribed(stanzas.domain()), out);
                return;
            }
            count("command");
            reply(mo, handset, commands.run("mo/" + mo.moId(), subscriber.get(), text, out), out);
            return;
        }
        if (!numbers.isVirtual(destination)) {
            count("unknown-destination");
            reply(mo, handset, "Nobody can be reached at " + destination + " through this service.", out);
            return;
        }
        Optional<String> party = numbers.jidFor(handset, destination);
        if (party.isEmpty()) {
            count("unallocated-number");
            reply(mo, handset, destination + " stands for nobody (any more). Text @name@domain and your message to "
                    + properties.shortCode() + " to write to someone.", out);
            return;
        }
        String from = subscriber.map(s -> pseudo.fullJid(s.username())).orElse(stanzas.numberJid(handset));
        subscriber.ifPresent(s -> handsets.active(handset));
        out.stanza(stanzas.chat("sms/mo/" + mo.moId(), from, party.get(), text));
        count("chat");
        log.debug("MO {} from {} to {} for {}", mo.moId(), handset, destination, party.get());
    }

    /** An SMS from the short code to the handset, behind whatever else it is waiting for. */
    private void reply(SmsMobileOriginated mo, String handset, String text, BridgeOutput out) {
        outboxes.enqueue("mo/" + mo.moId() + "/reply", HandsetOutbox.Sms.notice(handset, properties.shortCode(), text,
                clock.instant().plus(properties.defaultExpiry())), out);
    }

    private int sentThisMinute(String handset) {
        long now = clock.millis();
        if (now - minuteStarted >= 60_000) {
            minute.clear();
            minuteStarted = now;
        }
        int[] n = minute.computeIfAbsent(handset, h -> new int[1]);
        synchronized (n) {
            return ++n[0];
        }
    }

    private void count(String outcome) {
        registry.counter("sms.mo", "outcome", outcome).increment();
    }

    /** Forgets MO ids older than a week: no SMSC redelivers that late. */
    public void purgeSeen() {
        handsets.purgeSeen(Duration.ofDays(7));
    }
}
