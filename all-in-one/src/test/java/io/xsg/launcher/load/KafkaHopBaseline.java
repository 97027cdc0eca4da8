package io.xsg.launcher.load;

import com.sun.management.OperatingSystemMXBean;
import io.xsg.launcher.EmbeddedKafkaBroker;
import io.xsg.launcher.TempDirs;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor under the gateway's latency and CPU: the same two Kafka hops (produce → consume → produce → consume)
 * with the same client settings on the same embedded broker, without any XMPP. Run like {@link LatencyDriver}:
 * {@code io.xsg.launcher.load.KafkaHopBaseline [rate/s=1000] [seconds=20] [partitions=12] [keys=2000] [hops=2]}. It
 * sends for twice the time given and measures the second half (the first warms the JIT up). Besides the latency it
 * prints the CPU this JVM spent per message, the broker's threads apart: what the design's two crossings cost a
 * chat before any of the gateway's own code (12 partitions and a key per user, as the gateway's topics). With
 * {@code hops=1} the message goes produce → consume once: what a chat would cost if the sender's edge routed it and
 * wrote it straight to the recipient's edge topic.
 */
public final class KafkaHopBaseline {

    private KafkaHopBaseline() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int keys = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int hops = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        if (hops != 1 && hops != 2) {
            throw new IllegalArgumentException("hops must be 1 or 2: " + hops);
        }
        int total = rate * seconds;
        try (var broker = EmbeddedKafkaBroker.start(TempDirs.deletedAtExit("kafka-hops"), 0)) {
            String bootstrap = broker.bootstrapServers();
            try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("hop-a", partitions, (short) 1),
                        new NewTopic("hop-b", partitions, (short) 1)))
                        .all().get();
            }
            Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0);
            var first = new KafkaProducer<byte[], byte[]>(p, new ByteArraySerializer(), new ByteArraySerializer());
            var second = new KafkaProducer<byte[], byte[]>(p, new ByteArraySerializer(), new ByteArraySerializer());
            // the first half warms the JIT and the broker up; the second is measured
            long[] latency = new long[2 * total];
            Arrays.fill(latency, -1);
            AtomicInteger done = new AtomicInteger();
            HopConsumer middle = hops == 2
                    ? consumer(bootstrap, "hop-a", rec -> second.send(new ProducerRecord<>("hop-b", rec)))
                    : null;
            String firstTopic = hops == 2 ? "hop-a" : "hop-b";
            HopConsumer last = consumer(bootstrap, "hop-b", rec -> {
                ByteBuffer b = ByteBuffer.wrap(rec);
                int seq = b.getInt();
                latency[seq] = System.nanoTime() - b.getLong();
                done.incrementAndGet();
            });
            Thread.sleep(3000);
            var measuredFrom = new AtomicReference<CpuSplit>();
            var scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hop-sender"));
            AtomicInteger seq = new AtomicInteger();
            scheduler.scheduleAtFixedRate(() -> {
                int n = seq.getAndIncrement();
                if (n == total) {
                    measuredFrom.set(CpuSplit.now());
                }
                if (n < 2 * total) {
                    byte[] key = ("k" + (n % keys)).getBytes();
                    first.send(new ProducerRecord<>(firstTopic, key,
                            ByteBuffer.allocate(12).putInt(n).putLong(System.nanoTime()).array()));
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * seconds + 15);
            while (done.get() < 2 * total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            scheduler.shutdownNow();
            CpuSplit spent = CpuSplit.now().minus(measuredFrom.get());
            long[] got = Arrays.stream(latency, total, 2 * total).filter(l -> l >= 0).sorted().toArray();
            System.out.printf("%d Kafka hop(s) at %d/s: n=%d p50 %.2f ms p99 %.2f ms max %.2f ms%n", hops, rate,
                    got.length, got[got.length / 2] / 1e6, got[(int) (got.length * 0.99)] / 1e6, got[got.length - 1] / 1e6);
            System.out.printf(
                    "CPU per message: %.3f ms, of which the broker's threads %.3f ms (%d partitions, %d keys)%n",
                    spent.process() / 1e6 / got.length, spent.broker() / 1e6 / got.length, partitions, keys);
            if (middle != null) {
                middle.stop();
            }
            last.stop();
        }
        System.exit(0);
    }

    /** CPU time of this process and of the broker's threads (all but the clients' and this driver's), in ns. */
    private record CpuSplit(long process, long broker) {

        static CpuSplit now() {
            var threads = ManagementFactory.getThreadMXBean();
            long broker = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && !info.getThreadName().startsWith("hop-")
                        && !info.getThreadName().startsWith("kafka-producer")
                        && !info.getThreadName().startsWith("kafka-coordinator")) {
                    broker += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new CpuSplit(os.getProcessCpuTime(), broker);
        }

        CpuSplit minus(CpuSplit earlier) {
            return new CpuSplit(process - earlier.process, broker - earlier.broker);
        }
    }

    /** A consumer thread of one hop, stopped through {@link KafkaConsumer#wakeup()} so that it closes cleanly. */
    private record HopConsumer(Thread thread, KafkaConsumer<byte[], byte[]> consumer, AtomicBoolean running) {

        void stop() throws InterruptedException {
            running.set(false);
            consumer.wakeup();
            thread.join(10_000);
        }
    }

    private static HopConsumer consumer(String bootstrap, String topic, java.util.function.Consumer<byte[]> action) {
        var c = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            try (c) {
                var parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                c.assign(parts);
                c.seekToEnd(parts);
                parts.forEach(c::position);
                while (running.get()) {
                    c.poll(Duration.ofMillis(100)).forEach(r -> action.accept(r.value()));
                }
            } catch (WakeupException e) {
                // stopped
            }
        }, topic + "-consumer"); // the topics are hop-a and hop-b: every driver thread is named hop-*
        t.setDaemon(true);
        t.start();
        return new HopConsumer(t, c, running);
    }
}
