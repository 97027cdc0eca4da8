package io.xsg.session.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.directory.Delivery;
import io.xsg.directory.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.v1.AccountStanzaEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each account stanza in its own database transaction, then publishes what it produced, and returns only
 * when all of it is acknowledged by Kafka; the container then commits the batch. Work to do after publishing
 * (removing delivered offline messages) runs last. A failed publish throws and the batch is handled again: the
 * state changes are idempotent (a transition already applied changes nothing, a stored message is stored once).
 */
@Component
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
class AccountStanzaListener {

    private static final Logger log = LoggerFactory.getLogger(AccountStanzaListener.class);

    private final AccountStanzaDispatcher dispatcher;
    private final StanzaPublisher publisher;
    private final TransactionTemplate transactions;
    private final JsonSerde<AccountStanzaEvent> serde = EventSerdes.accountStanza();

    private final java.util.Map<AccountStanzaEvent.Purpose, Counter> handled = new java.util.EnumMap<>(
            AccountStanzaEvent.Purpose.class);
    private final Counter deliveries;

    AccountStanzaListener(AccountStanzaDispatcher dispatcher, StanzaPublisher publisher,
                          TransactionTemplate transactions, MeterRegistry registry) {
        this.dispatcher = dispatcher;
        this.publisher = publisher;
        this.transactions = transactions;
        for (AccountStanzaEvent.Purpose p : AccountStanzaEvent.Purpose.values()) {
            handled.put(p, Counter.builder("im.account.stanzas").description("account stanzas handled")
                    .tag("purpose", p.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        this.deliveries = Counter.builder("im.deliveries").description("stanzas written to edge topics")
                .register(registry);
    }

    @KafkaListener(id = "account-stanzas", topics = "#{@topics.accountStanzas()}",
            containerFactory = "accountStanzaListenerFactory")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<Runnable> undo = new ArrayList<>();
        try {
            handleBatch(records, undo);
        } catch (Exception e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run(); // newest first, back to how the batch found memory
            }
            throw e;
        }
    }

    private void handleBatch(List<ConsumerRecord<String, byte[]>> records, List<Runnable> undo) throws Exception {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            AccountStanzaEvent work;
            try {
                work = serde.deserialize(record.topic(), record.value());
            } catch (RuntimeException bad) {
                log.warn("skipping unreadable account stanza {}-{}@{}", record.topic(), record.partition(),
                        record.offset(), bad);
                continue;
            }
            Outbox outbox = new Outbox();
            try {
                transactions.executeWithoutResult(status -> dispatcher.handle(work, outbox));
            } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
                undo.addAll(outbox.undoActions());
                throw e; // the database is unreachable: retry the batch rather than skip the stanza
            } catch (RuntimeException bug) {
                outbox.undoActions().forEach(Runnable::run);
                // one poisonous stanza must not stop its partition; it is logged with its coordinates
                log.error("cannot handle {} for {} ({}-{}@{})", work.purpose(), work.account(), record.topic(),
                        record.partition(), record.offset(), bug);
                continue;
            }
            undo.addAll(outbox.undoActions());
            handled.get(work.purpose()).increment();
            deliveries.increment(outbox.deliveries().size());
            for (Delivery d : outbox.deliveries()) {
                sends.add(publisher.publish(d));
            }
            for (AccountStanzaEvent f : outbox.forwards()) {
                sends.add(publisher.forward(f));
            }
            after.addAll(outbox.afterPublishedActions());
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("account stanza output not acknowledged; the batch will run again", e);
        }
        after.forEach(Runnable::run);
    }
}
