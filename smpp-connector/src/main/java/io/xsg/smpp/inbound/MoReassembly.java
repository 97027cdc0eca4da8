package io.xsg.smpp.inbound;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.v1.sms.SmsMoPart;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.kafka.DeadLetters;
import io.xsg.smpp.config.ConnectorProperties.Link;
import io.xsg.smpp.health.LinkMetrics;
import io.xsg.smpp.publish.SmscPublisher;
import io.xsg.sms.segment.ConcatInfo;
import io.xsg.sms.segment.ReassembledSms;
import io.xsg.sms.segment.Reassembler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles concatenated MO SMS from the link's parts topic. Parts live in Kafka, not in memory, until their
 * message is published: the committed offset of a partition never passes the first part of a message still
 * incomplete, so after a crash the parts are read again and the message completes as if nothing happened. A message
 * whose parts do not all arrive within the timeout is published with what did arrive, flagged incomplete. The MO id
 * is derived from the partition and offset of the part that completed it, so a replay yields the same id.
 */
public final class MoReassembly {

    private static final Logger log = LoggerFactory.getLogger(MoReassembly.class);

    private record SetKey(int partition, String handset, String destination, int reference, int total,
                          boolean sixteenBit) {
    }

    private static final class PendingSet {
        final List<Long> offsets = new ArrayList<>();
        final Instant firstSeen;

        PendingSet(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final Link link;
    private final SmscPublisher publisher;
    private final DeadLetters deadLetters;
    private final LinkMetrics metrics;
    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final Clock clock;
    private final JsonSerde<SmsMoPart> serde = EventSerdes.smsMoPart();
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    private Reassembler reassembler;
    private final Map<SetKey, PendingSet> sets = new HashMap<>();
    /**
     * Sets completed lately: an SMSC that missed our deliver_sm_resp sends a part again, which would otherwise open
     * a new set and end, after the timeout, as a spurious partial message. Kept for at most two minutes so that a
     * handset reusing a reference for a genuinely new message is not ignored.
     */
    private final Map<SetKey, Instant> completed = new java.util.LinkedHashMap<>();
    /** Offsets not yet released, per partition: the first one bounds the commit. */
    private final Map<TopicPartition, TreeSet<Long>> held = new HashMap<>();
    private final Map<TopicPartition, Long> seen = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public MoReassembly(Link link, SmscPublisher publisher, LinkMetrics metrics, DeadLetters deadLetters,
                        Map<String, Object> consumerProperties, String topic, Clock clock) {
        this.link = link;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.metrics = metrics;
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.clock = clock;
    }

    public void start() {
        var props = new HashMap<>(consumerProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "smpp-connector." + link.id() + ".mo-reassembly");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        reset();
        running = true;
        thread = new Thread(this::run, "smpp-" + link.id() + "-mo-reassembly");
        thread.setDaemon(true);
        thread.start();
    }

    /** False once the worker thread has ended while it should run: the process needs a restart. */
    public boolean isAlive() {
        Thread t = thread;
        return !running || (t != null && t.isAlive());
    }

    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reset() {
        reassembler = new Reassembler(link.moReassemblyTimeout(), 100_000, clock);
        sets.clear();
        completed.clear();
        held.clear();
        seen.clear();
    }

    private void run() {
        try (var c = consumer) {
            c.subscribe(List.of(topic), new Rebalance());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
                expire();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                commit(false);
            }
            commit(true);
        } catch (RuntimeException e) {
            log.error("link {}: MO reassembly stopped by an unexpected error; parts will be read again", link.id(), e);
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        var tp = new TopicPartition(record.topic(), record.partition());
        seen.put(tp, record.offset());
        SmsMoPart part;
        try {
            part = serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            deadLetters.send(record, DeadLetters.keyBytes(record.key()), e);
            return;
        }
        var key = new SetKey(record.partition(), part.handset(), part.destination(), part.reference(), part.total(),
                part.sixteenBit());
        if (!sets.containsKey(key) && completed.containsKey(key)) {
            log.debug("link {}: part {}/{} from {} repeats a completed message; ignored", link.id(), part.sequence(),
                    part.total(), part.handset());
            return;
        }
        sets.computeIfAbsent(key, k -> new PendingSet(clock.instant())).offsets.add(record.offset());
        held.computeIfAbsent(tp, k -> new TreeSet<>()).add(record.offset());
        reassembler.accept(part.handset(), part.destination(), part.dataCoding(), part.userData(),
                new ConcatInfo(part.reference(), part.total(), part.sequence(), part.sixteenBit()))
                .ifPresent(sms -> publish(tp, key, sms, link.id() + "-mo-" + record.partition() + "-"
                        + record.offset()));
    }

    private void expire() {
        Instant forgetBefore = clock.instant().minus(rememberCompleted());
        completed.values().removeIf(at -> at.isBefore(forgetBefore));
        for (ReassembledSms partial : reassembler.expire()) {
            // the reassembler reports sets by sender, recipient and size (timed out, or evicted when too many are
            // pending): release the oldest such set of ours
            SetKey match = null;
            for (Map.Entry<SetKey, PendingSet> e : sets.entrySet()) {
                SetKey k = e.getKey();
                if (k.handset().equals(partial.source()) && k.destination().equals(partial.destination())
                        && k.total() == partial.parts()
                        && (match == null || e.getValue().firstSeen.isBefore(sets.get(match).firstSeen))) {
                    match = k;
                }
            }
            if (match == null) {
                log.warn("link {}: expired MO set from {} not tracked; publishing without release", link.id(),
                        partial.source());
                continue;
            }
            long first = sets.get(match).offsets.get(0);
            log.info("link {}: MO from {} incomplete after {}; publishing {} of {} parts", link.id(),
                    partial.source(), link.moReassemblyTimeout(), partial.parts() - partial.missingParts().size(),
                    partial.parts());
            publish(new TopicPartition(topic, match.partition()), match, partial,
                    link.id() + "-mo-" + match.partition() + "-" + first + "-partial");
        }
    }

    private Duration rememberCompleted() {
        Duration two = Duration.ofMinutes(2);
        return link.moReassemblyTimeout().compareTo(two) < 0 ? link.moReassemblyTimeout() : two;
    }

    private void publish(TopicPartition tp, SetKey key, ReassembledSms sms, String moId) {
        PendingSet set = sets.remove(key);
        if (sms.complete()) {
            completed.put(key, clock.instant());
        }
        var event = new SmsMobileOriginated(moId, link.id(), sms.source(), sms.destination(), sms.text(),
                sms.parts(), sms.complete(), sms.missingParts(), clock.instant());
        metrics.mobileOriginated();
        sendUntilDurable(event, () -> {
            TreeSet<Long> offsets = held.get(tp);
            if (offsets != null && set != null) {
                set.offsets.forEach(offsets::remove);
            }
        });
    }

    private void sendUntilDurable(SmsMobileOriginated event, Runnable release) {
        publisher.publish(event).whenComplete((ok, error) -> tasks.add(() -> {
            if (error == null) {
                release.run();
            } else if (running) {
                log.warn("link {}: cannot publish MO {} ({}); retrying", link.id(), event.moId(), error.toString());
                sendUntilDurable(event, release);
            }
        }));
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (Iterator<Map.Entry<TopicPartition, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            TreeSet<Long> h = held.get(e.getKey());
            long next = h == null || h.isEmpty() ? e.getValue() + 1 : h.first();
            commits.put(e.getKey(), new OffsetAndMetadata(next));
        }
        if (commits.isEmpty()) {
            return;
        }
        try {
            if (sync) {
                consumer.commitSync(commits);
            } else {
                consumer.commitAsync(commits, null);
            }
        } catch (RuntimeException e) {
            log.debug("link {}: MO parts commit failed: {}", link.id(), e.toString());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(true);
            // the reassembler cannot forget single sets: start over from the committed offsets of what stays ours
            reset();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            var assignment = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
            for (TopicPartition tp : assignment) {
                OffsetAndMetadata at = committed.get(tp);
                if (at != null) {
                    consumer.seek(tp, at);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        }
    }
}
