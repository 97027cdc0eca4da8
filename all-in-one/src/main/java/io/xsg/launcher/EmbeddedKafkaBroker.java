package io.xsg.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) inside this JVM, for the all-in-one
 * launcher and the tests. Kafka 4 has no public embedding API: the log directory is formatted with
 * {@link Formatter}, as {@code kafka-storage format} does, and {@link KafkaRaftServer} is started on it. Kafka's
 * exit and halt procedures are replaced so that a broker fault can never call {@code System.exit} on the gateway.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker keeping its log in {@code dir} (formatted on first use, reused afterwards).
     *
     * @param port the client port; 0 picks a free one
     */
    public static EmbeddedKafkaBroker start(Path dir, int port) {
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("embedded Kafka asked to exit(" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("embedded Kafka asked to halt(" + code + "): " + message);
        });
        try {
            Files.createDirectories(dir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            String logDir = dir.toAbsolutePath().toString();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir);
            props.put("num.partitions", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.cleaner.backoff.ms", "1000");
            props.put("auto.create.topics.enable", "true");
            // one process beside the gateway's own threads, on a few cores: Kafka's defaults (8 request handlers,
            // 3 network threads, 4 group-coordinator threads) are sized for a dedicated broker, and here every
            // stanza woke several of them (more context switches, no more throughput)
            props.put("num.io.threads", "2");
            props.put("num.network.threads", "2");
            props.put("group.coordinator.threads", "1");
            KafkaConfig config = KafkaConfig.fromProps(props, false);

            new Formatter()
                    .setPrintStream(new PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(clusterId(dir))
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();

            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + clientPort;
            awaitReady(bootstrap);
            log.info("embedded Kafka broker ready on {} (log in {})", bootstrap, logDir);
            return new EmbeddedKafkaBroker(server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker in " + dir, e);
        }
    }

    /**
     * The cluster id the log directory was formatted with, or a new one for an empty directory: formatting is skipped
     * for a formatted directory, but the broker refuses to start when the id it is given differs from the one on disk.
     */
    static String clusterId(Path dir) throws IOException {
        Path meta = dir.resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Properties props = new Properties();
            try (var in = Files.newInputStream(meta)) {
                props.load(in);
            }
            String id = props.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id.trim();
            }
        }
        return Uuid.randomUuid().toString();
    }

    private static void awaitReady(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("embedded Kafka did not stop cleanly", e);
        }
    }

}
