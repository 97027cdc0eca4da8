package io.xsg.session.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.delivery.Delivery;
import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.session.config.SessionProperties;
import io.xsg.session.inbound.OutboxStore.OutboxRecord;
import io.xsg.session.inbound.OutboxStore.Pending;
import io.xsg.session.inbound.OutboxStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Relays the transactional outbox to Kafka: the rows of a partition, in the order they were written, by the instance
 * that owns that partition of {@code xmpp.account-stanzas} (so one account's output keeps its order across a crash or
 * a rebalance). The listener relays right after each batch; a timer retries what a Kafka failure left, and a new
 * owner relays what the previous one left before it handles anything new. A row is deleted once Kafka acknowledged
 * all of it; a failed row and the ones after it wait for the next try (sending some of those again: the edges drop
 * delivery ids they have written, and account stanzas are idempotent). A row Kafka still refuses after
 * {@code gateway.session.outbox.max-age} is dropped and counted: it would otherwise stop its partition for good.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int ROWS_PER_ROUND = 500;

    private final OutboxStore store;
    private final StanzaPublisher publisher;
    private final Clock clock;
    private final Duration maxAge;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Owned partitions whose rows must be read from the table (leftovers of a failure or a previous owner). */
    private final Set<Integer> dirty = ConcurrentHashMap.newKeySet();
    private final Counter relayed;
    private final Counter dropped;

    public OutboxRelay(OutboxStore store, StanzaPublisher publisher, Clock clock, SessionProperties properties,
                       MeterRegistry registry) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.maxAge = properties.outboxMaxAge();
        this.relayed = Counter.builder("im.outbox.relayed").description("outbox rows relayed to Kafka")
                .register(registry);
        this.dropped = Counter.builder("im.outbox.dropped")
                .description("outbox rows Kafka refused for longer than gateway.session.outbox.max-age")
                .register(registry);
    }

    /** What one handled stanza produced, as the records the outbox keeps. */
    List<OutboxRecord> records(Outbox outbox) {
        List<OutboxRecord> out = new ArrayList<>(outbox.deliveries().size() + outbox.forwards().size());
        for (Delivery d : outbox.deliveries()) {
            out.add(new OutboxRecord(publisher.topicOf(d), d.event().sessionId(),
                    new String(publisher.serialize(d), StandardCharsets.UTF_8)));
        }
        for (AccountStanzaEvent f : outbox.forwards()) {
            out.add(new OutboxRecord(publisher.accountStanzasTopic(), f.account(),
                    new String(publisher.serialize(f), StandardCharsets.UTF_8)));
        }
        out.addAll(outbox.records());
        return out;
    }

    void assigned(Collection<Integer> partitions) {
        owned.addAll(partitions);
        dirty.addAll(partitions); // a previous owner may have left rows
        relay(partitions); // what a previous owner left goes before anything new
    }

    void revoked(Collection<Integer> partitions) {
        owned.removeAll(partitions);
        dirty.removeAll(partitions);
    }

    /** Rows of these partitions may be in the table beyond what the caller holds (a failure before their relay). */
    void markDirty(Collection<Integer> partitions) {
        dirty.addAll(partitions);
    }

    @Scheduled(fixedDelayString = "${gateway.session.outbox.retry-interval:1s}")
    void retry() {
        List<Integer> left = dirty.stream().filter(owned::contains).toList();
        if (!left.isEmpty()) {
            relay(left);
        }
    }

    /** Sends every row the table holds for these partitions, in order; returns whether none is left. */
    synchronized boolean relay(Collection<Integer> partitions) {
        while (true) {
            List<Pending> rows = store.pending(partitions, ROWS_PER_ROUND);
            if (rows.isEmpty()) {
                dirty.removeAll(partitions);
                return true;
            }
            if (!send(rows)) {
                dirty.addAll(partitions);
                return false;
            }
        }
    }

    /**
     * After a batch: the rows it just committed. Where the table holds nothing older for their partitions (the usual
     * case), they are sent from memory, without reading them back; otherwise the table is relayed in order.
     */
    synchronized boolean relay(Collection<Integer> partitions, List<Pending> fresh) {
        if (partitions.stream().anyMatch(dirty::contains)) {
            return relay(partitions);
        }
        if (fresh.isEmpty() || send(fresh)) {
            return true;
        }
        dirty.addAll(partitions);
        return false;
    }

    /**
     * Sends the rows, then deletes the prefix Kafka acknowledged; what follows a failure stays for the next try
     * (sent again then, in order).
     */
    private boolean send(List<Pending> rows) {
        List<CompletableFuture<Void>> sent = new ArrayList<>(rows.size());
        for (Pending row : rows) {
            List<CompletableFuture<Void>> parts = new ArrayList<>(row.records().size());
            for (OutboxRecord r : row.records()) {
                parts.add(publisher.send(r.topic(), r.key(), r.value().getBytes(StandardCharsets.UTF_8)));
            }
            sent.add(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)));
        }
        List<Long> done = new ArrayList<>(rows.size());
        boolean failed = false;
        for (int i = 0; i < rows.size(); i++) {
            Pending row = rows.get(i);
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
                if (!failed) {
                    done.add(row.id()); // a prefix only: what follows a failure is sent again, in order
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = true;
            } catch (Exception e) {
                if (!failed && clock.instant().isAfter(row.createdAt().plus(maxAge))) {
                    log.error("outbox row {} of partition {} refused by Kafka for over {}; dropped: {}", row.id(),
                            row.sourcePartition(), maxAge, e.toString());
                    dropped.increment();
                    done.add(row.id());
                    continue;
                }
                if (!failed) {
                    log.warn("outbox row {} of partition {} not relayed ({}); retrying", row.id(),
                            row.sourcePartition(), e.toString());
                }
                failed = true;
            }
        }
        store.delete(done);
        relayed.increment(done.size());
        return !failed;
    }
}
