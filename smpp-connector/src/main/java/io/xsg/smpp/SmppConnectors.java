package io.xsg.smpp;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.events.topic.Topics;
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
    private final Map<String, Object> adminProperties;
    private final Topics topics;
    private volatile boolean running;

    public SmppConnectors(ConnectorProperties properties, Topics topics, KafkaProperties kafka,
                          MeterRegistry registry) {
        this.topics = topics;
        this.publisher = new SmscPublisher(kafka.buildProducerProperties(), topics);
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        this.links = properties.links().stream()
                .map(link -> new LinkRuntime(link, topics, publisher, consumer, registry))
                .toList();
        this.adminProperties = kafka.buildAdminProperties();
    }

    public List<LinkRuntime> links() {
        return links;
    }

    @Override
    public void start() {
        awaitTopics();
        links.forEach(link -> publisher.warmUp(link.id()));
        links.forEach(LinkRuntime::start);
        running = true;
    }

    /** Kafka's admin declares the topics at context refresh; make sure they are there before consuming. */
    private void awaitTopics() {
        var names = new java.util.ArrayList<String>();
        names.add(topics.smscEvents());
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
        for (LinkRuntime link : links) {
            try {
                link.stop();
            } catch (RuntimeException e) {
                log.warn("link {} did not stop cleanly", link.id(), e);
            }
        }
        publisher.close();
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
