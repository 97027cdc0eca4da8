package io.xsg.launcher.load;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.launcher.EmbeddedKafkaBroker;
import io.xsg.launcher.TempDirs;
import io.xsg.smpp.SmppConnectorApplication;
import io.xsg.smsc.SimulatorSettings;
import io.xsg.smsc.SmscSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * SMPP connector throughput beside the raw Cloudhopper client rate, in one run against the same SMSC simulator, both
 * with a window of 100. The connector figure is Kafka → connector → simulator → submit result durable in Kafka, on
 * the all-in-one's embedded broker, timed from the first request queued to the last result read, after a warm-up
 * batch. Receipts are off in both runs so that each counts submit_sm alone.
 * <pre>
 *   java -cp $CP io.xsg.launcher.load.ConnectorThroughput 20000 1000    # requests, handsets
 * </pre>
 */
public final class ConnectorThroughput {

    private static final String LINK = "load";
    private static final int WINDOW = 100;

    private ConnectorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int handsets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try (var smsc = new SmscSimulator(SimulatorSettings.builder().windowSize(WINDOW).journalLimit(1000).build());
             var kafka = EmbeddedKafkaBroker.start(TempDirs.deletedAtExit("throughput-kafka"), 0)) {
            smsc.start();
            rawClientRate(smsc.port(), messages); // warm-up: the JIT and the simulator
            double raw = rawClientRate(smsc.port(), messages);
            System.out.printf("raw Cloudhopper client: %,d submit_sm, window %d: %,.0f/s%n", messages, WINDOW, raw);

            String[] connectorArgs = {"--spring.config.name=smpp-connector", "--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--logging.level.org.apache.kafka=WARN",
                    "--gateway.smsc.links[0].id=" + LINK, "--gateway.smsc.links[0].host=127.0.0.1",
                    "--gateway.smsc.links[0].port=" + smsc.port(), "--gateway.smsc.links[0].system-id=gateway",
                    "--gateway.smsc.links[0].password=secret", "--gateway.smsc.links[0].window=" + WINDOW,
                    "--gateway.smsc.links[0].tps=1000000"};
            var results = new AtomicLong();
            var firstAt = new AtomicLong();
            var lastAt = new AtomicLong();
            int warmUp = Math.min(5_000, messages);
            Thread reader = countResults(kafka.bootstrapServers(), results, warmUp, firstAt, lastAt);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
                // warm-up run: the JIT, the topics, the consumer group
                var connector = new SpringApplicationBuilder(SmppConnectorApplication.class).run(connectorArgs);
                queue(producer, warmUp, handsets, "warm-up");
                await(results, warmUp);
                connector.close();
                // the measured run drains a backlog queued while no connector ran, so that queueing does not
                // compete for the two cores; the rate is first result to last
                queue(producer, messages, handsets, "load");
                connector = new SpringApplicationBuilder(SmppConnectorApplication.class).run(connectorArgs);
                var window = connector.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .get("smpp.window.in_use").gauge();
                var sampler = Executors.newSingleThreadScheduledExecutor();
                var windowSum = new java.util.concurrent.atomic.DoubleAdder();
                var windowSamples = new AtomicLong();
                sampler.scheduleAtFixedRate(() -> {
                    if (results.get() > warmUp) {
                        windowSum.add(window.value());
                        windowSamples.incrementAndGet();
                    }
                }, 0, 5, TimeUnit.MILLISECONDS);
                await(results, warmUp + messages);
                sampler.shutdownNow();
                var rt = connector.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .get("smpp.submit.response.time").timer().takeSnapshot();
                System.out.println("submit_sm response time: " + java.util.Arrays.toString(rt.percentileValues()));
                connector.close();
                double seconds = (lastAt.get() - firstAt.get()) / 1e9;
                double rate = (messages - 1) / seconds;
                System.out.printf("connector: %,d queued requests to %,d handsets drained in %.2f s: %,.0f/s, "
                                + "window in use %.1f of %d on average%n", messages, handsets, seconds, rate,
                        windowSum.sum() / Math.max(1, windowSamples.get()), WINDOW);
                System.out.printf("connector / raw = %.2f%n", rate / raw);
            } finally {
                reader.interrupt();
            }
        }
        System.exit(0);
    }

    private static long queue(KafkaProducer<String, byte[]> producer, int n, int handsets, String text)
            throws Exception {
        String topic = Topics.defaults().smsSubmit(LINK);
        var serde = EventSerdes.smsSubmit();
        List<Future<?>> sent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            var request = new SmsSubmitRequest(UUID.randomUUID().toString(), LINK, SmsSource.shortCode("123"),
                    String.format("+1555%07d", i % handsets), text + " message " + i, null, false,
                    Instant.now().plus(Duration.ofMinutes(10)), Instant.now(), null, null);
            sent.add(producer.send(new ProducerRecord<>(topic, request.destination(), serde.serialize(topic, request))));
        }
        for (Future<?> f : sent) {
            f.get(60, TimeUnit.SECONDS);
        }
        return System.nanoTime();
    }

    private static void await(AtomicLong results, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (results.get() < count) {
            Thread.sleep(10);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + results.get() + " of " + count + " results in 5 minutes");
            }
        }
    }

    private static Thread countResults(String bootstrap, AtomicLong results, int warmUp, AtomicLong firstAt,
                                       AtomicLong lastAt) {
        Thread t = new Thread(() -> {
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "throughput-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.defaults().smscEvents()));
                var serde = EventSerdes.smscEvent();
                while (!Thread.currentThread().isInterrupted()) {
                    for (var record : consumer.poll(Duration.ofMillis(50))) {
                        if (serde.deserialize(record.topic(), record.value()) instanceof SmsSubmitResult) {
                            long n = results.incrementAndGet();
                            if (n == warmUp + 1) {
                                firstAt.set(System.nanoTime());
                            }
                            lastAt.set(System.nanoTime());
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
            }
        }, "throughput-results");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static double rawClientRate(int port, int messages) throws Exception {
        int window = WINDOW;
        var client = new DefaultSmppClient(Executors.newCachedThreadPool(), 1);
        var cfg = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "gateway", "secret");
        cfg.setHost("127.0.0.1");
        cfg.setPort(port);
        cfg.setWindowSize(window);
        cfg.setRequestExpiryTimeout(30_000);
        var quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        cfg.setLoggingOptions(quiet);
        var permits = new Semaphore(window);
        SmppSession session = client.bind(cfg, new DefaultSmppSessionHandler() {
            @Override
            public void fireExpectedPduResponseReceived(com.cloudhopper.smpp.PduAsyncResponse response) {
                permits.release();
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            permits.acquire();
            var pdu = new SubmitSm();
            pdu.setSourceAddress(new Address((byte) 3, (byte) 0, "123"));
            pdu.setDestAddress(new Address((byte) 1, (byte) 1, String.format("1666%07d", i % 1000)));
            pdu.setShortMessage(("raw message " + i).getBytes(StandardCharsets.ISO_8859_1));
            session.sendRequestPdu(pdu, 10_000, false);
        }
        permits.acquire(window);
        long end = System.nanoTime();
        session.unbind(2000);
        session.destroy();
        client.destroy();
        return messages / ((end - start) / 1e9);
    }
}
