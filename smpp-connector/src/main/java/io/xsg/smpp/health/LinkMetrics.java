package io.xsg.smpp.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One link's meters, all tagged {@code link}. Receipt latency is measured from the submit_sm_resp to the final
 * receipt for ids this instance submitted; the table of recent ids is bounded so it cannot grow with traffic.
 */
public final class LinkMetrics {

    private static final int RECENT_IDS = 100_000;

    private final MeterRegistry registry;
    private final String link;
    private final Counter submits;
    private final Counter throttled;
    private final Counter reconnects;
    private final Counter receipts;
    private final Counter mobileOriginated;
    private final Counter rejectedInbound;
    private final Timer receiptLatency;
    private final Timer responseTime;
    private final DistributionSummary segments;
    private final Map<Integer, Counter> responses = new ConcurrentHashMap<>();
    private final Map<String, Counter> results = new ConcurrentHashMap<>();
    private final AtomicInteger bound = new AtomicInteger();
    private final Map<String, Long> submittedAt = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENT_IDS;
        }
    };

    public LinkMetrics(MeterRegistry registry, String link, Supplier<Number> windowInUse) {
        this.registry = registry;
        this.link = link;
        submits = Counter.builder("smpp.submits").description("submit_sm sent").tag("link", link).register(registry);
        throttled = Counter.builder("smpp.throttled")
                .description("ESME_RTHROTTLED or ESME_RMSGQFUL answers").tag("link", link).register(registry);
        reconnects = Counter.builder("smpp.reconnects").description("binds lost").tag("link", link).register(registry);
        receipts = Counter.builder("smpp.receipts").description("delivery receipts").tag("link", link)
                .register(registry);
        mobileOriginated = Counter.builder("smpp.mo").description("mobile-originated SMS published")
                .tag("link", link).register(registry);
        rejectedInbound = Counter.builder("smpp.inbound.rejected")
                .description("deliver_sm answered with an error").tag("link", link).register(registry);
        receiptLatency = Timer.builder("smpp.receipt.latency").description("submit_sm_resp to final receipt")
                .tag("link", link).publishPercentileHistogram().register(registry);
        responseTime = Timer.builder("smpp.submit.response.time").description("submit_sm to its response")
                .tag("link", link).publishPercentiles(0.5, 0.99).register(registry);
        segments = DistributionSummary.builder("smpp.message.segments").tag("link", link).register(registry);
        Gauge.builder("smpp.window.in_use", windowInUse).tag("link", link).register(registry);
        Gauge.builder("smpp.bound", bound, AtomicInteger::get).description("1 while bound").tag("link", link)
                .register(registry);
    }

    public void submitted(String normalisedId) {
        submits.increment();
        if (normalisedId != null) {
            synchronized (submittedAt) {
                submittedAt.put(normalisedId, System.nanoTime());
            }
        }
    }

    public void response(int commandStatus) {
        Counter counter = responses.get(commandStatus);
        if (counter == null) {
            counter = responses.computeIfAbsent(commandStatus, k -> Counter.builder("smpp.responses")
                    .tag("link", link).tag("status", String.format("0x%08X", k)).register(registry));
        }
        counter.increment();
    }

    public void responseTime(long nanos) {
        responseTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void result(String outcome) {
        results.computeIfAbsent(outcome, k -> Counter.builder("smpp.submit.results").tag("link", link)
                .tag("outcome", k).register(registry)).increment();
    }

    public void segments(int count) {
        segments.record(count);
    }

    public void throttled() {
        throttled.increment();
    }

    public void bound(boolean isBound) {
        bound.set(isBound ? 1 : 0);
    }

    public void reconnect() {
        reconnects.increment();
    }

    public void receipt(String normalisedId, boolean finalState) {
        receipts.increment();
        if (!finalState) {
            return;
        }
        Long at;
        synchronized (submittedAt) {
            at = submittedAt.remove(normalisedId);
        }
        if (at != null) {
            receiptLatency.record(Duration.ofNanos(System.nanoTime() - at));
        }
    }

    public void mobileOriginated() {
        mobileOriginated.increment();
    }

    public void rejectedInbound() {
        rejectedInbound.increment();
    }
}
