package io.xsg.launcher.load;

import io.xsg.launcher.EmbeddedKafkaBroker;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor under the gateway's latency: the same two Kafka hops (produce → consume → produce → consume) with the
 * same client settings on the same embedded broker, without any XMPP. Run like {@link LatencyDriver}:
 * {@code io.xsg.launcher.load.KafkaHopBaseline [rate/s=1000] [seconds=20]}.
 */
public final class KafkaHopBaseline {

    private KafkaHopBaseline() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int total = rate * seconds;
        try (var broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("kafka-hops"), 0)) {
            String bootstrap = broker.bootstrapServers();
            try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("hop-a", 4, (short) 1), new NewTopic("hop-b", 4, (short) 1)))
                        .all().get();
            }
            Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0);
            var first = new KafkaProducer<byte[], byte[]>(p, new ByteArraySerializer(), new ByteArraySerializer());
            var second = new KafkaProducer<byte[], byte[]>(p, new ByteArraySerializer(), new ByteArraySerializer());
            long[] latency = new long[total];
            Arrays.fill(latency, -1);
            AtomicInteger done = new AtomicInteger();
            Thread middle = consumer(bootstrap, "hop-a", rec -> second.send(new ProducerRecord<>("hop-b", rec)));
            Thread last = consumer(bootstrap, "hop-b", rec -> {
                ByteBuffer b = ByteBuffer.wrap(rec);
                int seq = b.getInt();
                latency[seq] = System.nanoTime() - b.getLong();
                done.incrementAndGet();
            });
            Thread.sleep(3000);
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger seq = new AtomicInteger();
            scheduler.scheduleAtFixedRate(() -> {
                int n = seq.getAndIncrement();
                if (n < total) {
                    byte[] key = ("k" + (n % 10)).getBytes();
                    first.send(new ProducerRecord<>("hop-a", key,
                            ByteBuffer.allocate(12).putInt(n).putLong(System.nanoTime()).array()));
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 15);
            while (done.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            scheduler.shutdownNow();
            long[] got = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
            System.out.printf("two Kafka hops at %d/s: n=%d p50 %.2f ms p99 %.2f ms max %.2f ms%n", rate, got.length,
                    got[got.length / 2] / 1e6, got[(int) (got.length * 0.99)] / 1e6, got[got.length - 1] / 1e6);
            middle.interrupt();
            last.interrupt();
        }
        System.exit(0);
    }

    private static Thread consumer(String bootstrap, String topic, java.util.function.Consumer<byte[]> action) {
        Thread t = new Thread(() -> {
            try (var c = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                var parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                c.assign(parts);
                c.seekToEnd(parts);
                parts.forEach(c::position);
                while (!Thread.currentThread().isInterrupted()) {
                    c.poll(Duration.ofMillis(100)).forEach(r -> action.accept(r.value()));
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
