package io.xsg.edge.s2s;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.kafka.DeadLetters;
import io.xsg.kafka.KafkaClients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stanzas routing and the session service send to other domains ({@code xmpp.s2s.out}, keyed by the remote
 * domain) in one consumer group of all edges: each partition, and so each remote domain, has one owning edge at a
 * time, and when an edge dies the group hands its partitions to the others. A record's position is committed only
 * once its stanza was written to the remote stream or returned to its sender, so a stanza waiting for a stream when
 * the edge dies is sent by the next owner (at least once: a remote server may see a stanza twice after a crash).
 */
final class RemoteStanzaFeed {

    private static final Logger log = LoggerFactory.getLogger(RemoteStanzaFeed.class);
    static final String GROUP = "xmpp-edge-s2s";

    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final RemoteDomains remotes;
    private final DeadLetters deadLetters;
    private final JsonSerde<StanzaReceivedEvent> serde = EventSerdes.stanzaReceived();
    /** Per partition: offsets read but not yet finished, and the next offset to read. */
    private final Map<TopicPartition, NavigableSet<Long>> unfinished = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** The partitions of the topic this edge owns now (so the remote domains whose streams are its). */
    private final java.util.Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    RemoteStanzaFeed(Map<String, Object> consumerProperties, String topic, RemoteDomains remotes,
                     DeadLetters deadLetters) {
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.topic = topic;
        this.remotes = remotes;
        this.deadLetters = deadLetters;
    }

    void start() {
        consumer = KafkaClients.consumer(consumerProperties, GROUP);
        running = true;
        thread = new Thread(this::run, "s2s-outbound");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    try {
                        commit(true);
                    } finally {
                        release(partitions);
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    release(partitions); // another edge owns them already: nothing of ours may be committed
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> owned.add(p.partition()));
                    if (!partitions.isEmpty()) {
                        log.info("s2s: this edge now sends to the domains of partitions {}", partitions);
                    }
                }
            });
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            handle(r);
                        } catch (RuntimeException bad) {
                            // one record must not cost the rest of the batch (the position has moved past them)
                            deadLetters.send(r, DeadLetters.keyBytes(r.key()), bad);
                            var open = unfinished.get(new TopicPartition(r.topic(), r.partition()));
                            if (open != null) {
                                open.remove(r.offset());
                            }
                        }
                    }
                    commit(false);
                } catch (WakeupException stopping) {
                    break;
                } catch (RuntimeException e) {
                    // a bad moment (a commit refused during a rebalance) must not end federation for this edge
                    log.warn("s2s: outbound feed: {}", e.toString());
                    pause();
                }
            }
        } finally {
            try {
                commit(true);
            } catch (RuntimeException e) {
                log.warn("s2s: positions not committed at stop ({}); the next owner sends some again", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        var tp = new TopicPartition(r.topic(), r.partition());
        next.put(tp, r.offset() + 1);
        StanzaReceivedEvent event;
        try {
            event = serde.deserialize(r.topic(), r.value());
        } catch (RuntimeException bad) {
            deadLetters.send(r, DeadLetters.keyBytes(r.key()), bad);
            return;
        }
        if (event == null || event.to() == null || event.from() == null) {
            return;
        }
        NavigableSet<Long> open = unfinished.computeIfAbsent(tp, p -> new ConcurrentSkipListSet<>());
        open.add(r.offset());
        long offset = r.offset();
        remotes.send(new RemoteDomains.Outgoing(event, () -> open.remove(offset)));
    }

    /** Gives the streams of those partitions' domains up, then forgets the partitions. */
    private void release(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        java.util.Set<Integer> gone = new java.util.HashSet<>();
        partitions.forEach(p -> gone.add(p.partition()));
        int count = consumer.partitionsFor(topic).size();
        // Kafka's default partitioner for a keyed record: the remote domain is the key
        remotes.release(domain -> gone.contains(org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(domain.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % count));
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            owned.remove(p.partition());
            unfinished.remove(p);
            next.remove(p);
            committed.remove(p);
        });
    }

    java.util.Set<Integer> owned() {
        return java.util.Set.copyOf(owned);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits, per partition, up to the first record not yet finished. */
    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (var e : next.entrySet()) {
            NavigableSet<Long> open = unfinished.get(e.getKey());
            // ceiling, not isEmpty-then-first: an event loop may finish the last one in between
            Long first = open == null ? null : open.ceiling(Long.MIN_VALUE);
            long upTo = first == null ? e.getValue() : first;
            if (!Long.valueOf(upTo).equals(committed.get(e.getKey()))) {
                offsets.put(e.getKey(), new OffsetAndMetadata(upTo));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        if (sync) {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    done.keySet().forEach(committed::remove); // tried again after the next poll
                }
            });
        }
    }

    void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
