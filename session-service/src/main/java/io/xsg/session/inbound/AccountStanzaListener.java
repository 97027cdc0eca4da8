package io.xsg.session.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.session.directory.DirectoryFollower;
import io.xsg.session.inbound.OutboxStore;
import io.xsg.session.presence.PresenceBroadcaster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a poll's account stanzas in one database transaction, which also writes what each produced (roster pushes,
 * presence, forwards, SMS) to the transactional outbox; after the batch, {@link OutboxRelay} sends that to Kafka and
 * the container commits the batch. State and notification are committed together: a Kafka failure after the commit
 * leaves the output in the outbox for the relay's next try, and a batch run again (a database failure) finds its
 * earlier stanzas applied and their output already kept. One commit per poll rather than per stanza is what lets a
 * busy partition keep up; if the batch fails, it is undone and each stanza applied in a transaction of its own, so
 * that one stanza that cannot be handled goes to the dead-letter topic alone.
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
class AccountStanzaListener {

    private static final Logger log = LoggerFactory.getLogger(AccountStanzaListener.class);

    private static final java.time.Duration DIRECTORY_WAIT = java.time.Duration.ofSeconds(2);

    private final AccountStanzaDispatcher dispatcher;
    private final DirectoryFollower directory;
    private final PresenceBroadcaster presence;
    private final OutboxStore outboxes;
    private final OutboxRelay relay;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final JsonSerde<AccountStanzaEvent> serde = EventSerdes.accountStanza();

    private final java.util.Map<AccountStanzaEvent.Purpose, Counter> handled = new java.util.EnumMap<>(
            AccountStanzaEvent.Purpose.class);
    private final Counter deliveries;

    AccountStanzaListener(AccountStanzaDispatcher dispatcher, DirectoryFollower directory, PresenceBroadcaster presence,
                          OutboxStore outboxes,
                          OutboxRelay relay, DeadLetters deadLetters, TransactionTemplate transactions,
                          MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.dispatcher = dispatcher;
        this.directory = directory;
        this.presence = presence;
        this.outboxes = outboxes;
        this.relay = relay;
        this.transactions = transactions;
        for (AccountStanzaEvent.Purpose p : AccountStanzaEvent.Purpose.values()) {
            handled.put(p, Counter.builder("im.account.stanzas").description("account stanzas handled")
                    .tag("purpose", p.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        this.deliveries = Counter.builder("im.deliveries").description("stanzas written to edge topics")
                .register(registry);
    }

    // idIsGroup false: the group is the factory's ("session-service"), not the listener id
    @KafkaListener(id = "account-stanzas", idIsGroup = false, topics = "#{@topics.accountStanzas()}",
            containerFactory = "accountStanzaListenerFactory")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<Runnable> undo = new ArrayList<>();
        try {
            handleBatch(records, undo);
        } catch (Exception e) {
            // rows committed before the failure wait in the table: the timer relays them, in order
            relay.markDirty(records.stream().map(ConsumerRecord::partition).distinct().toList());
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run(); // newest first, back to how the batch found memory
            }
            throw e;
        }
    }

    /** A parsed record and what handling it produced. */
    private static final class Work {
        final ConsumerRecord<String, byte[]> record;
        final AccountStanzaEvent event;
        Outbox outbox = new Outbox();

        Work(ConsumerRecord<String, byte[]> record, AccountStanzaEvent event) {
            this.record = record;
            this.event = event;
        }
    }

    private void handleBatch(List<ConsumerRecord<String, byte[]>> records, List<Runnable> undo) {
        List<Work> works = new ArrayList<>(records.size());
        boolean comingOnline = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                AccountStanzaEvent event = serde.deserialize(record.topic(), record.value());
                works.add(new Work(record, event));
                comingOnline |= event.purpose() == AccountStanzaEvent.Purpose.OUTBOUND_PRESENCE
                        && presence.comingOnline(event.stanza());
            } catch (RuntimeException bad) {
                deadLetter(record, bad);
            }
        }
        // the edge wrote each presence's directory entry before publishing it: once this copy holds all written so
        // far, of two contacts coming online together the later one handled sees the other
        if (comingOnline && !directory.awaitCurrent(DIRECTORY_WAIT)) {
            log.warn("session directory copy not current within {}; presence answered from what it has",
                    DIRECTORY_WAIT);
        }
        Set<Integer> partitions = new HashSet<>();
        List<OutboxStore.Pending> fresh = new ArrayList<>();
        if (works.size() > 1 && together(works, partitions, fresh)) {
            works.forEach(w -> done(w, undo));
        } else {
            for (Work w : works) {
                alone(w, partitions, fresh, undo);
            }
        }
        // committed with the state: what Kafka does not take now, the relay's timer sends later, in order
        relay.relay(partitions, fresh);
    }

    /** The whole batch in one transaction; false (and memory as the batch found it) if anything failed. */
    private boolean together(List<Work> works, Set<Integer> partitions, List<OutboxStore.Pending> fresh) {
        List<OutboxStore.Pending> rows;
        try {
            rows = transactions.execute(status -> {
                List<OutboxStore.Pending> saved = new ArrayList<>();
                for (Work w : works) {
                    dispatcher.handle(w.event, w.outbox);
                    saved.add(outboxes.save(w.record.partition(), relay.records(w.outbox)));
                }
                return saved;
            });
        } catch (RuntimeException e) {
            for (int i = works.size() - 1; i >= 0; i--) {
                List<Runnable> actions = works.get(i).outbox.undoActions();
                for (int j = actions.size() - 1; j >= 0; j--) {
                    actions.get(j).run();
                }
                works.get(i).outbox = new Outbox();
            }
            log.debug("a batch of {} account stanzas failed ({}); applying them one by one", works.size(),
                    e.toString());
            return false;
        }
        for (int i = 0; i < works.size(); i++) {
            if (rows.get(i) != null) {
                fresh.add(rows.get(i));
                partitions.add(works.get(i).record.partition());
            }
        }
        return true;
    }

    /** One stanza in its own transaction: a poisonous one goes to the dead-letter topic, a database failure up. */
    private void alone(Work w, Set<Integer> partitions, List<OutboxStore.Pending> fresh, List<Runnable> undo) {
        try {
            OutboxStore.Pending row = transactions.execute(status -> {
                dispatcher.handle(w.event, w.outbox);
                return outboxes.save(w.record.partition(), relay.records(w.outbox));
            });
            if (row != null) {
                fresh.add(row);
                partitions.add(w.record.partition());
            }
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            undo.addAll(w.outbox.undoActions());
            throw e; // the database is unreachable: retry the batch rather than skip the stanza
        } catch (RuntimeException bug) {
            w.outbox.undoActions().forEach(Runnable::run);
            // one poisonous stanza must not stop its partition: it waits in the dead-letter topic
            deadLetter(w.record, bug);
            return;
        }
        done(w, undo);
    }

    private void done(Work w, List<Runnable> undo) {
        undo.addAll(w.outbox.undoActions());
        if (log.isDebugEnabled()) {
            log.debug("{} {} for {} from {} ({}-{}@{}): {} deliveries, {} forwards", w.event.purpose(),
                    w.event.stanza().type(), w.event.account(), w.event.stanza().from(), w.record.topic(),
                    w.record.partition(), w.record.offset(), w.outbox.deliveries().size(),
                    w.outbox.forwards().size());
        }
        handled.get(w.event.purpose()).increment();
        deliveries.increment(w.outbox.deliveries().size());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
        if (!deadLetters.send(record, DeadLetters.keyBytes(record.key()), cause)) {
            throw new IllegalStateException("dead letter not written; the batch will run again", cause);
        }
    }
}
