package io.xsg.smpp.submit;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.serde.JsonSerde;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult.Outcome;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.kafka.DeadLetters;
import io.xsg.smpp.config.ConnectorProperties.Link;
import io.xsg.smpp.health.LinkMetrics;
import io.xsg.smpp.link.Backoff;
import io.xsg.smpp.link.SmppLink;
import io.xsg.smpp.publish.SmscPublisher;
import io.xsg.sms.address.PhoneNumbers;
import io.xsg.sms.receipt.MessageIds;
import io.xsg.sms.segment.SegmentationPolicy;
import io.xsg.sms.segment.Segmenter;
import io.xsg.sms.text.EncodingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a link's submit topic to its SMSC. One thread owns the consumer, the handset lanes, the window count and the
 * rate limiter; responses and publish acknowledgements come back to it as tasks on a queue, so no state is shared.
 *
 * <p>A record's offset is committed only after its {@link SmsSubmitResult} is durable in Kafka, and only as part of
 * a contiguous prefix. A crash therefore repeats, never skips: records whose results were not yet durable are
 * submitted again by the next owner.
 */
public final class SubmitPipeline {

    private static final Logger log = LoggerFactory.getLogger(SubmitPipeline.class);
    private static final long COMMIT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long POLL_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Link link;
    private final SmppLink smpp;
    private final SmscPublisher publisher;
    private final DeadLetters deadLetters;
    private final LinkMetrics metrics;
    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final PhoneNumbers numbers;
    private final SubmitPduFactory pdus;
    private final JsonSerde<SmsSubmitRequest> serde = EventSerdes.smsSubmit();
    /** How far back a newly assigned partition's results are read to recognise a request submitted before a crash. */
    private static final Duration DUPLICATE_LOOKBACK = Duration.ofMinutes(15);
    private final SubmitIds submitIds;

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Lanes lanes = new Lanes();
    private final OffsetTracker offsets = new OffsetTracker();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Backoff linkThrottle;
    private final TokenBucket bucket;
    private int inFlight;
    private int publishing;
    private long linkPausedUntil;
    private int reference = ThreadLocalRandom.current().nextInt(0x10000);
    private KafkaConsumer<String, byte[]> consumer;

    private volatile int inFlightGauge;
    private volatile boolean running;
    private Thread thread;

    public SubmitPipeline(Link link, SmppLink smpp, SmscPublisher publisher, LinkMetrics metrics,
                          DeadLetters deadLetters, Map<String, Object> consumerProperties, String topic,
                          String eventsTopic) {
        this.link = link;
        this.deadLetters = deadLetters;
        this.smpp = smpp;
        this.publisher = publisher;
        this.metrics = metrics;
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.numbers = new PhoneNumbers(link.defaultRegion());
        this.pdus = new SubmitPduFactory(link);
        this.linkThrottle = new Backoff(link.throttleBackoff(), link.throttleBackoffMax());
        this.bucket = new TokenBucket(link.tps(), System.nanoTime());
        this.linkPausedUntil = System.nanoTime();
        this.submitIds = new SubmitIds(link.id(), consumerProperties, eventsTopic, DUPLICATE_LOOKBACK);
    }

    /** Segments awaiting their submit_sm_resp: the window in use. */
    public int inFlight() {
        return inFlightGauge;
    }

    public void start() {
        var props = new HashMap<>(consumerProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "smpp-connector." + link.id());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "smpp-" + link.id() + "-submitter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking records, lets what is with the SMSC finish (bounded by the response timeout), commits, closes. */
    /** False once the worker thread has ended while it should run: the process needs a restart. */
    public boolean isAlive() {
        Thread t = thread;
        return !running || (t != null && t.isAlive());
    }

    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(link.responseTimeout().toMillis() + 15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called from any thread when the link is bound again: retry waiting lanes at once rather than after back-off. */
    public void linkBound() {
        tasks.add(() -> lanes.wakeAll(System.nanoTime()));
    }

    private void run() {
        try (var c = consumer) {
            c.subscribe(List.of(topic), new Rebalance());
            long nextCommit = System.nanoTime();
            long nextSweep = nextCommit;
            long nextPoll = nextCommit;
            while (running) {
                long now = System.nanoTime();
                lanes.promote(now);
                dispatch(now);
                if (now - nextSweep >= 0) {
                    sweepExpired();
                    nextSweep = now + SWEEP_EVERY_NANOS;
                }
                if (now - nextCommit >= 0) {
                    commit(false);
                    nextCommit = now + COMMIT_EVERY_NANOS;
                }
                boolean busy = inFlight > 0 || publishing > 0 || lanes.hasReady() || lanes.hasResting();
                // a poll costs tens of microseconds even when it returns nothing: under load, poll only when the
                // lanes run short of work or every few milliseconds
                if (!busy || offsets.totalPending() < 4 * link.window() || now - nextPoll >= 0) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(busy ? Duration.ZERO : Duration.ofMillis(100))) {
                        accept(record);
                    }
                    flowControl();
                    nextPoll = System.nanoTime() + POLL_EVERY_NANOS;
                }
                runTasks(busy ? waitMillis(System.nanoTime()) : 0);
            }
            drain();
            commit(true);
        } catch (RuntimeException e) {
            log.error("link {}: submitter stopped by an unexpected error; uncommitted records will be redone",
                    link.id(), e);
        }
    }

    private long waitMillis(long now) {
        if (canDispatch(now)) {
            return 0;
        }
        return Math.min(5, TimeUnit.NANOSECONDS.toMillis(lanes.nanosUntilNextRestEnds(now)));
    }

    private void runTasks(long waitMillis) {
        try {
            Runnable task = waitMillis > 0 ? tasks.poll(waitMillis, TimeUnit.MILLISECONDS) : tasks.poll();
            while (task != null) {
                task.run();
                task = tasks.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void drain() {
        long deadline = System.nanoTime() + link.responseTimeout().toNanos() + TimeUnit.SECONDS.toNanos(10);
        while ((inFlight > 0 || publishing > 0) && System.nanoTime() - deadline < 0) {
            runTasks(10);
        }
        if (inFlight > 0 || publishing > 0) {
            log.warn("link {}: stopped with {} submits unanswered and {} results unpublished; they will be redone",
                    link.id(), inFlight, publishing);
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        var tp = new TopicPartition(record.topic(), record.partition());
        offsets.received(tp, record.offset());
        SmsSubmitRequest request;
        try {
            request = serde.deserialize(record.topic(), record.value());
        } catch (SerializationException | NullPointerException | IllegalArgumentException e) {
            // nobody can be told about a request we cannot read: it waits in the dead-letter topic rather than
            // blocking the partition (if even that fails, its offset stays open and the partition waits)
            if (deadLetters.send(record, DeadLetters.keyBytes(record.key()), e)) {
                offsets.done(tp, record.offset());
            }
            return;
        }
        if (request == null) {
            offsets.done(tp, record.offset());
            return;
        }
        if (!submitIds.takeOn(request.submitId(), tp)) {
            metrics.result("DUPLICATE");
            SmsSubmitResult earlier = submitIds.resultOf(request.submitId());
            if (earlier == null) {
                log.debug("link {}: submit {} is being submitted; the copy is dropped", link.id(), request.submitId());
                offsets.done(tp, record.offset());
            } else {
                log.debug("link {}: submit {} seen before; not sent again, its result published again", link.id(),
                        request.submitId());
                publish(new OutgoingSms(request, tp, record.offset()), earlier);
            }
            return;
        }
        lanes.add(new OutgoingSms(request, tp, record.offset()), System.nanoTime());
    }

    private boolean canDispatch(long now) {
        return lanes.hasReady() && smpp.isBound() && inFlight < link.window() && now - linkPausedUntil >= 0
                && bucket.nanosUntilNext(now) == 0;
    }

    private void dispatch(long now) {
        while (lanes.hasReady() && smpp.isBound() && inFlight < link.window() && now - linkPausedUntil >= 0) {
            Lane lane = lanes.peekReady();
            OutgoingSms sms = lane.head();
            if (sms == null) {
                lanes.takeReady();
                continue;
            }
            if (!prepare(lane, sms)) {
                continue; // finished without a submit (expired or unsendable); the lane moves on
            }
            if (!bucket.tryAcquire(now)) {
                return;
            }
            lanes.takeReady();
            send(lane, sms);
        }
    }

    /** Checks expiry and segments the text on first use; false when the message was finished instead. */
    private boolean prepare(Lane lane, OutgoingSms sms) {
        SmsSubmitRequest request = sms.request;
        if (request.expiredAt(Instant.now())) {
            finish(lane, sms, Outcome.EXPIRED, null, sms.started()
                    ? "expired after " + sms.next + " of " + sms.segments.size() + " segments"
                    : "expired before it could be submitted");
            return false;
        }
        if (sms.segments == null) {
            try {
                sms.destination = lane.destination(numbers);
                EncodingPolicy encoding = request.encoding() == null ? link.encoding()
                        : EncodingPolicy.valueOf(request.encoding());
                reference = (reference + 1) & 0xFFFF;
                sms.segments = Segmenter.split(request.text(),
                        new SegmentationPolicy(encoding, link.concatenation()), reference);
                metrics.segments(sms.segments.size());
            } catch (IllegalArgumentException e) {
                finish(lane, sms, Outcome.REJECTED, null, e.getMessage());
                return false;
            }
        }
        return true;
    }

    private void send(Lane lane, OutgoingSms sms) {
        SubmitSm pdu;
        try {
            pdu = pdus.build(sms.request.source(), sms.destination, sms.segments.get(sms.next),
                    sms.request.receipt(), sms.request.expiresAt(), Instant.now());
        } catch (IllegalArgumentException e) {
            finish(lane, sms, Outcome.REJECTED, null, e.getMessage());
            lanes.schedule(lane, System.nanoTime());
            return;
        }
        lane.inFlight = true;
        inFlightGauge = ++inFlight;
        long sentAt = System.nanoTime();
        smpp.send(pdu).whenComplete((response, error) -> {
            metrics.responseTime(System.nanoTime() - sentAt);
            tasks.add(() -> onResponse(lane, sms, response, error));
        });
    }

    private void onResponse(Lane lane, OutgoingSms sms, PduResponse response, Throwable error) {
        lane.inFlight = false;
        inFlightGauge = --inFlight;
        long now = System.nanoTime();
        if (sms.orphan) {
            // its partition was revoked: whoever owns it now redoes it from the start
            if (lanes.owns(lane)) {
                lanes.schedule(lane, now);
            }
            return;
        }
        SubmitStatus status;
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            status = cause instanceof IllegalArgumentException ? SubmitStatus.PERMANENT : SubmitStatus.RETRY;
            log.debug("link {}: submit to {} failed: {}", link.id(), lane.handset, cause.toString());
        } else {
            metrics.response(response.getCommandStatus());
            status = SubmitStatus.of(response.getCommandStatus());
        }
        switch (status) {
            case ACCEPTED:
                if (!(response instanceof SubmitSmResp resp)) {
                    // a generic_nack with status 0 answers nothing: the SMSC may or may not have the message
                    lane.retries++;
                    lane.notBeforeNanos = now + retryDelay(lane.retries).toNanos();
                    break;
                }
                linkThrottle.reset();
                lane.retries = 0;
                String raw = resp.getMessageId();
                String id = normalise(raw);
                sms.messageIds.add(id);
                metrics.submitted(id);
                sms.next++;
                if (sms.allSent()) {
                    finish(lane, sms, Outcome.ACCEPTED, null, null);
                }
                break;
            case LINK_THROTTLED:
                metrics.throttled();
                // the rest of a window answered in the same burst must not escalate the pause again
                if (now - linkPausedUntil >= 0) {
                    linkPausedUntil = now + linkThrottle.next().toNanos();
                }
                lane.notBeforeNanos = linkPausedUntil;
                break;
            case RETRY:
                if (response != null && response.getCommandStatus() == SmppConstants.STATUS_MSGQFUL) {
                    metrics.throttled();
                }
                lane.retries++;
                lane.notBeforeNanos = now + retryDelay(lane.retries).toNanos();
                break;
            default:
                finish(lane, sms, Outcome.REJECTED, response == null ? null : response.getCommandStatus(),
                        describe(response, sms));
        }
        lanes.schedule(lane, now);
    }

    private Duration retryDelay(int retries) {
        long base = link.throttleBackoff().toMillis() << Math.min(retries - 1, 16);
        return Duration.ofMillis(Math.min(base, link.throttleBackoffMax().toMillis()));
    }

    private String normalise(String raw) {
        try {
            return MessageIds.normalise(raw, link.submitIdFormat());
        } catch (IllegalArgumentException e) {
            log.warn("link {}: submit_sm_resp id '{}' is not {}; kept as given", link.id(), raw,
                    link.submitIdFormat());
            return raw == null ? "" : raw.trim().toLowerCase();
        }
    }

    private static String describe(PduResponse response, OutgoingSms sms) {
        String where = "segment " + (sms.next + 1) + " of " + sms.segments.size();
        if (response == null) {
            return "SMSC refused " + where;
        }
        return String.format("SMSC refused %s: command_status 0x%08X %s", where, response.getCommandStatus(),
                response.getResultMessage() == null ? "" : response.getResultMessage()).trim();
    }

    /** Publishes the outcome; the offset becomes committable once that is durable. */
    private void finish(Lane lane, OutgoingSms sms, Outcome outcome, Integer commandStatus, String detail) {
        if (lane.current == sms) {
            lane.current = null;
        }
        lane.retries = 0;
        SmsSubmitRequest r = sms.request;
        var result = new SmsSubmitResult(r.submitId(), link.id(), r.destination(), outcome, sms.messageIds,
                sms.segments == null ? 0 : sms.segments.size(), commandStatus, detail, Instant.now(),
                r.correlationId(), r.requester());
        metrics.result(outcome.name());
        if (outcome != Outcome.ACCEPTED) {
            log.info("link {}: submit {} to {} {}: {}", link.id(), r.submitId(), r.destination(), outcome, detail);
        }
        publish(sms, result);
    }

    private void publish(OutgoingSms sms, SmsSubmitResult result) {
        publishing++;
        publisher.publish(result).whenComplete((ok, error) -> tasks.add(() -> {
            publishing--;
            if (error == null) {
                submitIds.finished(result);
                offsets.done(sms.partition, sms.offset);
            } else if (running) {
                log.warn("link {}: cannot publish result of {} ({}); retrying", link.id(), result.submitId(),
                        error.toString());
                publish(sms, result);
            }
        }));
    }

    /** Every 250 ms, even while unbound: obsolete messages are dropped and their senders told, not sent late. */
    private void sweepExpired() {
        Instant now = Instant.now();
        for (Lane lane : lanes.all()) {
            if (lane.inFlight) {
                continue;
            }
            OutgoingSms head = lane.head();
            while (head != null && head.request.expiredAt(now)) {
                prepare(lane, head);
                head = lane.head();
            }
        }
    }

    private void flowControl() {
        for (TopicPartition tp : consumer.assignment()) {
            int pending = offsets.pending(tp);
            if (pending >= link.maxBufferedPerPartition() && paused.add(tp)) {
                consumer.pause(List.of(tp));
            } else if (pending < link.maxBufferedPerPartition() / 2 && paused.remove(tp)) {
                consumer.resume(List.of(tp));
            }
        }
    }

    private void commit(boolean sync) {
        var commits = offsets.toCommit();
        if (commits.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(commits);
            } catch (RuntimeException e) {
                log.warn("link {}: final commit failed ({}); those records will be redone", link.id(), e.toString());
            }
        } else {
            consumer.commitAsync(commits, (o, e) -> {
                if (e != null) {
                    log.debug("link {}: commit failed: {}", link.id(), e.toString());
                }
            });
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            commit(true);
            lanes.revoke(revoked);
            submitIds.revoked(revoked);
            revoked.forEach(offsets::forget);
            paused.removeAll(revoked);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            log.info("link {}: submitting for {} partitions of {}", link.id(), assigned.size(), topic);
            submitIds.recall(assigned);
        }
    }
}
