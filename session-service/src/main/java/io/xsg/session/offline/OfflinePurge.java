package io.xsg.session.offline;

import io.xsg.delivery.Delivery;
import io.xsg.delivery.StanzaPublisher;
import io.xsg.session.inbound.Outbox;
import io.xsg.session.offline.OfflineStore;
import io.xsg.session.offline.StoredMessage;
import io.xsg.session.presence.PresenceBroadcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes stored messages whose XEP-0079 expiry passed while their recipient stayed away, and tells their senders
 * where the rule asks; every instance may run it, and only the one whose delete removed a message sends its notice.
 * Also forgets presence state of sessions that vanished.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
class OfflinePurge {

    private static final Logger log = LoggerFactory.getLogger(OfflinePurge.class);
    private static final int BATCH = 500;

    private final OfflineStore store;
    private final OfflineHandler offline;
    private final StanzaPublisher publisher;
    private final PresenceBroadcaster presence;

    OfflinePurge(OfflineStore store, OfflineHandler offline, StanzaPublisher publisher, PresenceBroadcaster presence) {
        this.store = store;
        this.offline = offline;
        this.publisher = publisher;
        this.presence = presence;
    }

    @Scheduled(fixedDelayString = "${gateway.session.offline.purge-interval:15s}",
            initialDelayString = "${gateway.session.offline.purge-interval:15s}")
    void purge() {
        try {
            var outbox = new Outbox();
            int n = 0;
            for (StoredMessage m : store.expired(BATCH)) {
                offline.expire(m, outbox);
                n++;
            }
            for (Delivery d : outbox.deliveries()) {
                publisher.publish(d);
            }
            if (n > 0) {
                log.info("offline storage: {} expired message(s) removed", n);
            }
            presence.sweep();
        } catch (RuntimeException e) {
            log.warn("offline purge failed; retried at the next interval: {}", e.toString());
        }
    }
}
