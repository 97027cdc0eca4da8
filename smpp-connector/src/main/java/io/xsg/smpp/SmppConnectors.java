package io.xsg.smpp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.topic.Topics;
import io.xsg.kafka.DeadLetters;
import io.xsg.smpp.config.ConnectorProperties;
import io.xsg.smpp.publish.SmscPublisher;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every configured link once the topics exist, and on shutdown drains submits, unbinds, then closes the
 * producer, so that nothing acknowledged to the SMSC or taken from Kafka is left unpublished.
 */
public final class SmppConnectors implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmppConnectors.class);

    private final List<LinkRuntime> links;
    private final SmscPublisher publisher;
    private final DeadLetters deadLetters;
    private final Map<String, Object> adminProperties;
    private final Topics topics;
    private final Duration statusInterval;
    private final String connectorName = hostName();
    private ScheduledExecutorService reporter;
    private volatile boolean running;

    public SmppConnectors(ConnectorProperties properties, Topics topics, KafkaProperties kafka,
                          MeterRegistry registry) {
        this.topics = topics;
        this.publisher = new SmscPublisher(kafka.buildProducerProperties(), topics);
        this.deadLetters = new DeadLetters(kafka.buildProducerProperties(), registry);
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        this.links = properties.links().stream()
                .map(link -> new LinkRuntime(link, topics, publisher, deadLetters, consumer, registry))
                .toList();
        this.adminProperties = kafka.buildAdminProperties();
        this.statusInterval = properties.statusInterval();
    }

    public List<LinkRuntime> links() {
        return links;
    }

    @Override
    public void start() {
        awaitTopics();
        links.forEach(link -> publisher.warmUp(link.id()));
        reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smpp-link-status");
            t.setDaemon(true);
            return t;
        });
        for (LinkRuntime link : links) {
            link.onChange(() -> reporter.execute(() -> report(link)));
        }
        links.forEach(LinkRuntime::start);
        reporter.scheduleAtFixedRate(() -> links.forEach(this::report), 0, statusInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Best effort: a lost report is followed by the next within an interval. */
    private void report(LinkRuntime link) {
        try {
            publisher.publishStatus(link.status(connectorName, statusInterval.toMillis()));
        } catch (RuntimeException e) {
            log.debug("link status of {} not published", link.id(), e);
        }
    }

    private static String hostName() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Kafka's admin declares the topics at context refresh; make sure they are there before consuming. */
    private void awaitTopics() {
        var names = new java.util.ArrayList<String>();
        names.add(topics.smscEvents());
        names.add(topics.smscLinkStatus());
        for (LinkRuntime link : links) {
            names.add(topics.smsSubmit(link.id()));
            names.add(topics.smsMoParts(link.id()));
        }
        var props = new java.util.HashMap<>(adminProperties);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(names).allTopicNames().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("SMS topics " + names + " are not available: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (reporter != null) {
            reporter.shutdownNow();
        }
        for (LinkRuntime link : links) {
            try {
                link.stop();
            } catch (RuntimeException e) {
                log.warn("link {} did not stop cleanly", link.id(), e);
            }
            report(link); // STOPPED, so the console does not wait three intervals to notice
        }
        publisher.close();
        deadLetters.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the Kafka admin and web server have started; stops before them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
