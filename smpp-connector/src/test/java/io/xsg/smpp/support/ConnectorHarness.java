package io.xsg.smpp.support;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.events.v1.sms.SmscEvent;
import io.xsg.smpp.SmppConnectorApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft broker, the connector as its own Spring Boot application, a producer of submit requests
 * and a reader of everything the connector publishes. No part of the connector is replaced.
 */
public final class ConnectorHarness implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics = Topics.defaults();
    private final List<SmscEvent> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;
    private ConfigurableApplicationContext connector;

    public ConnectorHarness() {
        broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        reader = new Thread(this::read, "harness-events");
        reader.setDaemon(true);
        reader.start();
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Starts the connector with these {@code key=value} properties beside the broker's address. */
    public ConfigurableApplicationContext startConnector(String... properties) {
        List<String> args = new ArrayList<>(List.of("--spring.config.name=smpp-connector", "--server.port=0",
                // Tomcat's base directory in the build's output, not a tree in /tmp per start
                "--server.tomcat.basedir=target/tomcat",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.consumer.properties.metadata.max.age.ms=1000"));
        for (String p : properties) {
            args.add("--" + p);
        }
        connector = new SpringApplicationBuilder(SmppConnectorApplication.class).run(args.toArray(String[]::new));
        return connector;
    }

    public void stopConnector() {
        if (connector != null) {
            connector.close();
            connector = null;
        }
    }

    public SmsSubmitRequest request(String link, String to, String text, Duration lifetime) {
        return new SmsSubmitRequest(UUID.randomUUID().toString(), link, SmsSource.shortCode("123"), to, text, null,
                true, Instant.now().plus(lifetime), Instant.now(), "c-" + text.hashCode(), "joe@a.test/laptop");
    }

    public void submit(SmsSubmitRequest request) {
        String topic = topics.smsSubmit(request.linkId());
        try {
            producer.send(new ProducerRecord<>(topic, request.destination(),
                    EventSerdes.smsSubmit().serialize(topic, request))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot submit " + request.submitId(), e);
        }
    }

    /** Queues many at once: sends without waiting for each, then waits for all. */
    public void submitAll(List<SmsSubmitRequest> requests) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (SmsSubmitRequest request : requests) {
            String topic = topics.smsSubmit(request.linkId());
            sent.add(producer.send(new ProducerRecord<>(topic, request.destination(),
                    EventSerdes.smsSubmit().serialize(topic, request))));
        }
        try {
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot submit", e);
        }
    }

    public SmsSubmitResult awaitResult(String submitId, Duration timeout) {
        return await(SmsSubmitResult.class, r -> r.submitId().equals(submitId), timeout);
    }

    public List<SmsSubmitResult> results() {
        return of(SmsSubmitResult.class);
    }

    public List<SmsDeliveryReport> reports() {
        return of(SmsDeliveryReport.class);
    }

    public List<SmsMobileOriginated> mobileOriginated() {
        return of(SmsMobileOriginated.class);
    }

    public <T extends SmscEvent> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (T event : of(type)) {
                if (match.test(event)) {
                    return event;
                }
            }
            sleep(20);
        }
        List<T> seen = of(type);
        throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout + "; the last of "
                + seen.size() + ": " + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
    }

    public <T extends SmscEvent> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SmscEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    private void read() {
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "harness-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(java.util.regex.Pattern.compile("sms\\.smsc-events"));
            var serde = EventSerdes.smscEvent();
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    events.add(serde.deserialize(record.topic(), record.value()));
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopConnector();
        running = false;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
        broker.destroy();
    }
}
