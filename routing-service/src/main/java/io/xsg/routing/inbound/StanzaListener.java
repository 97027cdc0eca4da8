package io.xsg.routing.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.delivery.Delivery;
import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.routing.rule.Routed;
import io.xsg.routing.rule.StanzaRouter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Routes each batch of received stanzas and returns only when every resulting delivery and forward is acknowledged
 * by Kafka;
 * the container then commits the batch. A failed publish throws, and the error handler re-delivers the same
 * batch after a back-off: at-least-once, with the edge dropping delivery ids it has already written.
 */
@Component
class StanzaListener {

    private static final Logger log = LoggerFactory.getLogger(StanzaListener.class);

    private final StanzaRouter router;
    private final StanzaPublisher publisher;
    private final DeadLetters deadLetters;
    private final JsonSerde<StanzaReceivedEvent> serde = EventSerdes.stanzaReceived();

    private final Map<Routed.Destination, Counter> decisions = new EnumMap<>(Routed.Destination.class);
    private final Counter deliveries;

    StanzaListener(StanzaRouter router, StanzaPublisher publisher, DeadLetters deadLetters, MeterRegistry registry) {
        this.router = router;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        for (Routed.Destination d : Routed.Destination.values()) {
            decisions.put(d, decision(registry, d));
        }
        this.deliveries = Counter.builder("routing.deliveries").description("stanzas written to edge topics")
                .register(registry);
    }

    /**
     * routing.decisions{destination, outcome}: where each stanza went, and the coarse outcome of earlier releases
     * (delivered to streams, errors included; forwarded to an account; dropped).
     */
    private static Counter decision(MeterRegistry registry, Routed.Destination destination) {
        String outcome = switch (destination) {
            case NOWHERE -> "dropped";
            case ACCOUNT, STORAGE -> "forwarded";
            default -> "delivered";
        };
        return Counter.builder("routing.decisions").description("what routing did with each stanza")
                .tag("destination", destination.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .tag("outcome", outcome).register(registry);
    }

    // idIsGroup false: the group is gateway.routing.consumer-group, set in the factory, not the listener id
    @KafkaListener(id = "stanza-router", idIsGroup = false, topics = "#{@topics.stanzas()}",
            containerFactory = "stanzaListenerFactory")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            StanzaReceivedEvent event;
            try {
                event = serde.deserialize(record.topic(), record.value());
            } catch (RuntimeException bad) {
                deadLetter(record, bad);
                continue;
            }
            Routed routed;
            try {
                routed = router.route(event);
            } catch (RuntimeException bug) {
                // one poisonous stanza must not stop its partition: it waits in the dead-letter topic
                deadLetter(record, bug);
                continue;
            }
            for (Delivery d : routed.deliveries()) {
                sends.add(publisher.publish(d));
            }
            deliveries.increment(routed.deliveries().size());
            if (routed.forward() != null) {
                sends.add(publisher.forward(routed.forward()));
            }
            for (StanzaReceivedEvent remote : routed.remote()) {
                sends.add(publisher.toRemote(remote));
            }
            decisions.get(routed.destination()).increment();
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("deliveries not acknowledged; the batch will be routed again", e);
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
        if (!deadLetters.send(record, DeadLetters.keyBytes(record.key()), cause)) {
            throw new IllegalStateException("dead letter not written; the batch will be routed again", cause);
        }
    }
}
