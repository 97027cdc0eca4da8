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
 * Applies each account stanza in its own database transaction, which also writes what the stanza produced (roster
 * pushes, presence, forwards) to the transactional outbox; after the batch, {@link OutboxRelay} sends that to Kafka
 * and the container commits the batch. State and notification are committed together: a Kafka failure after the
 * commit leaves the output in the outbox for the relay's next try, and a batch run again (a database failure) finds
 * its earlier stanzas applied and their output already kept.
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

    private void handleBatch(List<ConsumerRecord<String, byte[]>> records, List<Runnable> undo) {
        Set<Integer> partitions = new HashSet<>();
        List<OutboxStore.Pending> fresh = new ArrayList<>();
        boolean directoryCurrent = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            AccountStanzaEvent work;
            try {
                work = serde.deserialize(record.topic(), record.value());
            } catch (RuntimeException bad) {
                deadLetter(record, bad);
                continue;
            }
            if (!directoryCurrent && work.purpose() == AccountStanzaEvent.Purpose.OUTBOUND_PRESENCE
                    && presence.comingOnline(work.stanza())) {
                // the edge wrote each presence's directory entry before publishing it: once this copy holds all
                // written so far, of two contacts coming online together the later one handled sees the other
                if (!directory.awaitCurrent(DIRECTORY_WAIT)) {
                    log.warn("session directory copy not current within {}; presence answered from what it has",
                            DIRECTORY_WAIT);
                }
                directoryCurrent = true;
            }
            Outbox outbox = new Outbox();
            try {
                OutboxStore.Pending row = transactions.execute(status -> {
                    dispatcher.handle(work, outbox);
                    return outboxes.save(record.partition(), relay.records(outbox));
                });
                if (row != null) {
                    fresh.add(row);
                    partitions.add(record.partition());
                }
            } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
                undo.addAll(outbox.undoActions());
                throw e; // the database is unreachable: retry the batch rather than skip the stanza
            } catch (RuntimeException bug) {
                outbox.undoActions().forEach(Runnable::run);
                // one poisonous stanza must not stop its partition: it waits in the dead-letter topic
                deadLetter(record, bug);
                continue;
            }
            undo.addAll(outbox.undoActions());
            if (log.isDebugEnabled()) {
                log.debug("{} {} for {} from {} ({}-{}@{}): {} deliveries, {} forwards", work.purpose(),
                        work.stanza().type(), work.account(), work.stanza().from(), record.topic(), record.partition(),
                        record.offset(), outbox.deliveries().size(), outbox.forwards().size());
            }
            handled.get(work.purpose()).increment();
            deliveries.increment(outbox.deliveries().size());

        }
        // committed with the state: what Kafka does not take now, the relay's timer sends later, in order
        relay.relay(partitions, fresh);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
        if (!deadLetters.send(record, DeadLetters.keyBytes(record.key()), cause)) {
            throw new IllegalStateException("dead letter not written; the batch will run again", cause);
        }
    }
}
