package io.xsg.bridge;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.EdgeHeartbeat;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bridge's clocks: the bridge edge's heartbeat (pseudo sessions live while any instance does), the handsets'
 * outboxes (a receipt timeout frees a window, an SMS that expired while waiting is dropped and its sender told), and
 * the pseudo clients' idle timeout. Every instance runs them; the handset row lock makes that safe.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true) // off in the host's CLI
public class SmsTimers {

    private static final Logger log = LoggerFactory.getLogger(SmsTimers.class);
    private static final long HEARTBEAT_MILLIS = 3000;

    private final SmsSubmits submits;
    private final HandsetOutbox outboxes;
    private final Handsets handsets;
    private final PseudoClients pseudo;
    private final SubscriberDirectory subscribers;
    private final SmsBridgeProperties properties;
    private final StanzaPublisher publisher;
    private final Topics topics;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public SmsTimers(SmsSubmits submits, HandsetOutbox outboxes, Handsets handsets, PseudoClients pseudo,
                     SubscriberDirectory subscribers, SmsBridgeProperties properties,
                     StanzaPublisher publisher, Topics topics, TransactionTemplate transactions, Clock clock) {
        this.submits = submits;
        this.outboxes = outboxes;
        this.handsets = handsets;
        this.pseudo = pseudo;
        this.subscribers = subscribers;
        this.properties = properties;
        this.publisher = publisher;
        this.topics = topics;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = HEARTBEAT_MILLIS)
    void heartbeat() {
        var beat = new EdgeHeartbeat(PseudoClients.EDGE_ID, PseudoClients.INCARNATION, clock.millis(),
                HEARTBEAT_MILLIS);
        publisher.send(topics.edgeHeartbeats(), PseudoClients.EDGE_ID,
                EventSerdes.edgeHeartbeat().serialize(topics.edgeHeartbeats(), beat));
    }

    /** Handsets with SMS waiting: send what their window allows now, drop what expired. */
    @Scheduled(fixedDelayString = "${gateway.sms.outbox-interval:1s}")
    void outboxes() {
        for (String handset : submits.handsetsWaiting()) {
            try {
                transactions.executeWithoutResult(tx -> {
                    var out = BridgeOutput.sending(publisher, topics);
                    outboxes.pump(handset, out);
                    out.await();
                });
            } catch (RuntimeException e) {
                log.warn("outbox of {} not pumped ({}); next round", handset, e.toString());
            }
        }
    }

    /** Correlation nobody can need any more: settled SMS after a day, held receipts nobody claimed, old MO ids. */
    @Scheduled(fixedDelayString = "${gateway.sms.purge-interval:10m}")
    void purge() {
        submits.purgeHeld(java.time.Duration.ofDays(1));
        submits.purge(java.time.Duration.ofDays(1), java.time.Duration.ofDays(7));
        handsets.purgeSeen(java.time.Duration.ofDays(7));
    }

    /**
     * A handset silent for the idle timeout is logged out and told how to come back; one whose subscription was
     * removed is logged out silently (its number is nobody's account any more).
     */
    @Scheduled(fixedDelayString = "${gateway.sms.idle-check-interval:30s}")
    void idlePseudoClients() {
        for (var login : handsets.logins()) {
            if (subscribers.byNumber(login.msisdn()).isEmpty()) {
                try {
                    transactions.executeWithoutResult(tx -> {
                        var out = BridgeOutput.sending(publisher, topics);
                        handsets.lock(login.msisdn());
                        if (subscribers.byNumber(login.msisdn()).isEmpty()) {
                            pseudo.logout(login.msisdn(), out);
                        }
                        out.await();
                    });
                } catch (RuntimeException e) {
                    log.warn("pseudo client of former subscriber {} not logged out ({}); next round",
                            login.msisdn(), e.toString());
                }
            }
        }
        for (String msisdn : handsets.idle(properties.pseudoClient().idleTimeout())) {
            try {
                transactions.executeWithoutResult(tx -> {
                    var out = BridgeOutput.sending(publisher, topics);
                    handsets.lock(msisdn);
                    var login = handsets.login(msisdn);
                    var subscriber = subscribers.byNumber(msisdn);
                    if (login.isEmpty() || subscriber.isEmpty()
                            || !login.get().lastActive().isBefore(clock.instant().minus(
                                    properties.pseudoClient().idleTimeout()))) {
                        return; // active again, or gone meanwhile
                    }
                    pseudo.logout(msisdn, out);
                    outboxes.enqueue("idle/" + login.get().sessionId(), HandsetOutbox.Sms.notice(msisdn,
                            properties.shortCode(), "You were logged out after a long silence. Text LOGIN to come"
                                    + " back online.", clock.instant().plus(properties.defaultExpiry())), out);
                    out.await();
                });
            } catch (RuntimeException e) {
                log.warn("idle pseudo client {} not logged out ({}); next round", msisdn, e.toString());
            }
        }
    }
}
