package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one as a user runs it: a process on its own {@code ./data} (embedded Kafka, embedded H2), stopped with
 * {@code kill -9} and with a clean stop, and started again on the same folder each time. What it acknowledged before
 * the stop (accounts, roster items, messages stored for an offline user) is there after it.
 */
class RestartIT {

    private static final String DOMAIN = "a.test";
    private static final String PASSWORD = "restart horse battery";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The processes' output, kept after the run for a failure's post-mortem. */
    private static final Path LOGS = Path.of("target", "restart-it");

    @TempDir
    Path work;

    private Process gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsAgainAfterKillAndAfterCleanStopWithEverythingItAcknowledged() throws Exception {
        Path data = LOGS.toAbsolutePath().resolve("data-" + System.currentTimeMillis()); // kept for a post-mortem
        int c2s = freePort();
        int kafka = freePort();
        assertThat(cli(data, "accounts", "create", "alice")).isZero();
        assertThat(cli(data, "accounts", "create", "bob")).isZero();
        assertThat(cli(data, "subscribers", "add", "bob", "+1234555666")).isZero();
        assertThat(Files.readString(LOGS.resolve("accounts.log"))).as("a command starts no Kafka client")
                .doesNotContain("NetworkClient");

        gateway = start(data, c2s, kafka, "first");
        XMPPTCPConnection alice = awaitLogin(data, c2s, "alice");
        Roster.getInstanceFor(alice).createItemAndRequestSubscription(JidCreate.entityBareFrom("bob@" + DOMAIN),
                "Bob", null);
        alice.sendStanza(ClientEndpointIT.chat("bob@" + DOMAIN, "before the crash"));
        awaitStoredCount(data, 1, kafka);
        alice.disconnect();

        kill9(gateway);
        gateway = start(data, c2s, kafka, "after-kill");
        XMPPTCPConnection alice2 = awaitLogin(data, c2s, "alice");
        Roster roster = Roster.getInstanceFor(alice2);
        roster.reloadAndWait();
        assertThat(roster.getEntry(JidCreate.entityBareFrom("bob@" + DOMAIN))).as("roster item after kill -9")
                .isNotNull();
        alice2.sendStanza(ClientEndpointIT.chat("bob@" + DOMAIN, "before the clean stop"));
        awaitStoredCount(data, 2, kafka);
        alice2.disconnect();

        gateway.destroy(); // SIGTERM: the shutdown hook stops the services and the broker in order
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("clean stop within a minute").isTrue();
        gateway = start(data, c2s, kafka, "after-stop");
        XMPPTCPConnection bob = awaitLogin(data, c2s, "bob", false);
        StanzaCollector inbox = bob.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        bob.sendStanza(org.jivesoftware.smack.packet.PresenceBuilder.buildPresence().build());
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Message m = inbox.nextResult(Clients.TIMEOUT.toMillis());
            assertThat(m).as("stored message %s", i).isNotNull();
            bodies.add(m.getBody());
        }
        assertThat(bodies).containsExactly("before the crash", "before the clean stop");
        bob.disconnect();
        gateway.destroy();
        gateway.waitFor(60, TimeUnit.SECONDS);
        try (var c = java.sql.DriverManager.getConnection(Gateway.embeddedDatabaseUrl(data), "sa", "");
             var r = c.createStatement().executeQuery("select msisdn from subscriber where username = 'bob'")) {
            assertThat(r.next()).as("bob still a subscriber after kill -9 and a clean stop").isTrue();
            assertThat(r.getString(1)).isEqualTo("+1234555666");
        }
        TempDirs.delete(data); // kept only when the test fails, for a post-mortem
    }

    /**
     * The SMS bridge across a clean stop and a {@code kill -9}, against an SMSC outside the gateway's process (so the
     * handset's record survives the gateway): ten messages to one handset, the gateway stopped after the third has
     * arrived, ten more killed after the third of those. A clean stop loses nothing and sends nothing twice; a kill
     * loses nothing and keeps the order, but may text once more the one SMS the SMSC took in the instant before the
     * kill, whose answer the connector never got (SMPP has no idempotency key; see the README).
     */
    @Test
    void theBridgeLosesNothingAcrossAStopAndAKill() throws Exception {
        Path data = LOGS.toAbsolutePath().resolve("sms-data-" + System.currentTimeMillis());
        int c2s = freePort();
        int kafka = freePort();
        String handset = "+14155554321";
        try (var smsc = new io.xsg.smsc.SmscSimulator(io.xsg.smsc.SimulatorSettings.builder()
                .receiptDelay(Duration.ofMillis(50)).receiptJitter(Duration.ofMillis(100))
                .redeliveryDelay(Duration.ofSeconds(1)).build())) {
            smsc.start();
            List<String> link = List.of("--gateway.smsc.links[0].id=smsc-1", "--gateway.smsc.links[0].host=127.0.0.1",
                    "--gateway.smsc.links[0].port=" + smsc.port(), "--gateway.smsc.links[0].system-id=gateway",
                    "--gateway.smsc.links[0].password=secret",
                    // what is tested is that nothing is lost; the default minute of expiry would drop what waits
                    // across two restarts on a slow machine, rightly, and a lost receipt should not hold 30 s
                    "--gateway.sms.default-expiry=10m", "--gateway.sms.receipt-timeout=5s");
            assertThat(cli(data, "accounts", "create", "icp")).isZero();
            assertThat(cli(data, "subscribers", "sms-sender", "icp", "on")).isZero();

            gateway = start(data, c2s, kafka, "sms-first", link);
            List<String> before = texts("before the stop", 10);
            send(awaitLogin(data, c2s, "icp"), handset, before);
            awaitTexts(smsc, handset, 3, data);
            gateway.destroy();
            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("clean stop within a minute").isTrue();
            gateway = start(data, c2s, kafka, "sms-after-stop", link);
            awaitTexts(smsc, handset, 10, data);
            assertThat(mts(smsc, handset)).as("a clean stop: each once, in order").containsExactlyElementsOf(before);

            List<String> after = texts("before the kill", 10);
            send(awaitLogin(data, c2s, "icp"), handset, after);
            awaitTexts(smsc, handset, 13, data);
            kill9(gateway);
            gateway = start(data, c2s, kafka, "sms-after-kill", link);
            awaitTexts(smsc, handset, 20, data);
            List<String> got = mts(smsc, handset).subList(10, mts(smsc, handset).size());
            List<String> collapsed = new ArrayList<>();
            for (String text : got) {
                if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(text)) {
                    collapsed.add(text); // the one the SMSC took just before the kill may come twice in a row
                }
            }
            assertThat(collapsed).as("a kill: nothing lost, order kept").containsExactlyElementsOf(after);
            assertThat(got.size() - collapsed.size()).as("repeats after a kill").isLessThanOrEqualTo(1);
            gateway.destroy();
            gateway.waitFor(60, TimeUnit.SECONDS);
        }
        TempDirs.delete(data);
    }

    private static List<String> texts(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(prefix + " " + i);
        }
        return out;
    }

    private static void send(XMPPTCPConnection icp, String handset, List<String> texts) throws Exception {
        for (String text : texts) {
            icp.sendStanza(ClientEndpointIT.chat(handset + "@sms." + DOMAIN, text));
        }
        icp.disconnect(); // the stream's close waits for the server to take what was sent
    }

    /** Waits for this many different texts at the handset; on a timeout, says where each SMS stands. */
    private static void awaitTexts(io.xsg.smsc.SmscSimulator smsc, String handset, int count, Path data)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (mts(smsc, handset).stream().distinct().count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the handset got " + mts(smsc, handset) + ", not " + count
                        + " different texts; the outbox: " + outbox(data));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The bridge's outbox rows, read from the embedded database (AUTO_SERVER lets a second process in). */
    private static String outbox(Path data) {
        try (var c = java.sql.DriverManager.getConnection(Gateway.embeddedDatabaseUrl(data), "sa", "");
             var r = c.createStatement().executeQuery("select state, segments, created_at from sms_submit"
                     + " order by created_at")) {
            var out = new StringBuilder();
            while (r.next()) {
                out.append(r.getString(1)).append('/').append(r.getObject(2)).append('@')
                        .append(r.getTimestamp(3).toInstant()).append(' ');
            }
            return out.toString();
        } catch (java.sql.SQLException e) {
            return "unreadable (" + e + ")";
        }
    }

    private static List<String> mts(io.xsg.smsc.SmscSimulator smsc, String handset) {
        return smsc.handsets().messages(handset).stream()
                .filter(m -> m.direction() == io.xsg.smsc.handset.Direction.MT)
                .map(io.xsg.smsc.handset.HandsetMessage::text).toList();
    }

    /**
     * Waits until the session service has stored what alice sent for bob, read from the embedded database (H2's
     * AUTO_SERVER lets a second process in while the gateway runs): no client-visible round trip proves it.
     */
    private static void awaitStoredCount(Path data, int count, int kafka) throws Exception {
        String url = Gateway.embeddedDatabaseUrl(data.toAbsolutePath());
        // after kill -9 the consumer groups first wait out their dead members (all-in-one: 10 s session timeout)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
                 var s = c.prepareStatement("select count(*) from offline_message where owner = 'bob'");
                 var r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) >= count) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bob's offline storage never held " + count + " message(s); " + groups(kafka));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Where the consumer groups stand, for a failure's message. */
    private static String groups(int kafka) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers",
                "127.0.0.1:" + kafka))) {
            var out = new StringBuilder();
            for (String group : List.of("routing-service", "session-service")) {
                var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                out.append(group).append(' ').append(description.groupState()).append(' ')
                        .append(description.members().size()).append(" members, committed ").append(offsets)
                        .append("; ");
            }
            var topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith("xmpp.")).toList();
            var ends = new java.util.HashMap<org.apache.kafka.common.TopicPartition,
                    org.apache.kafka.clients.admin.OffsetSpec>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(p ->
                    ends.put(new org.apache.kafka.common.TopicPartition(name, p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
            admin.listOffsets(ends).all().get().forEach((tp, info) -> out.append(tp).append('=')
                    .append(info.offset()).append(' '));
            return out.toString();
        } catch (Exception e) {
            return "groups unknown: " + e;
        }
    }

    private Process start(Path data, int c2s, int kafka, String label) throws IOException {
        return start(data, c2s, kafka, label, List.of());
    }

    private Process start(Path data, int c2s, int kafka, String label, List<String> extra) throws IOException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve("gateway-" + label + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                AllInOne.class.getName(),
                "--gateway.data-dir=" + data,
                "--gateway.embedded-kafka.port=" + kafka,
                "--server.port=0",
                "--gateway.xmpp.domain=" + DOMAIN,
                "--gateway.xmpp.c2s.bind-address=127.0.0.1",
                "--gateway.xmpp.c2s.port=" + c2s,
                "--gateway.xmpp.c2s.direct-tls-port=-1",
                "--gateway.xmpp.s2s.port=0",
                "--gateway.xmpp.s2s.direct-tls-port=-1",
                "--gateway.kafka.topics.partitions=2",
                "--smsc.port=0",
                "--logging.level.io.xsg.edge.traffic=DEBUG", // what each client sent and got, for a post-mortem
                "--logging.level.io.xsg=DEBUG"));
        command.addAll(extra);
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** A CLI command on the gateway's embedded database (a password, when asked, on standard input). */
    private int cli(Path data, String... args) throws Exception {
        Files.createDirectories(LOGS);
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                AllInOne.class.getName()));
        command.addAll(List.of(args));
        command.add("--gateway.data-dir=" + data);
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve("accounts.log").toFile())).start();
        try (var in = p.getOutputStream()) {
            in.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("CLI finished").isTrue();
        return p.exitValue();
    }

    private XMPPTCPConnection awaitLogin(Path data, int c2s, String user) throws Exception {
        return awaitLogin(data, c2s, user, true);
    }

    /** Retries until the restarted gateway takes the login: it listens before its consumers have caught up. */
    private XMPPTCPConnection awaitLogin(Path data, int c2s, String user, boolean presence) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("gateway process alive (see %s)", LOGS.toAbsolutePath()).isTrue();
            if (listening(c2s) && Files.exists(data.resolve("tls-" + DOMAIN + ".crt"))) {
                try {
                    XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                            .setXmppDomain(DOMAIN).setHost("127.0.0.1").setPort(c2s)
                            .setUsernameAndPassword(user, PASSWORD).setResource("restart")
                            .setSecurityMode(SecurityMode.required)
                            // Clients registers SCRAM-SHA-256 with Smack as its class is first used
                            .setConnectTimeout((int) Clients.TIMEOUT.toMillis())
                            .setCustomX509TrustManager(TestGateway.trustManager(data.resolve("tls-" + DOMAIN + ".crt")))
                            .addEnabledSaslMechanism("SCRAM-SHA-256")
                            .setSendPresence(presence)
                            .build();
                    return Clients.login(config);
                } catch (Exception e) {
                    last = e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("no login for " + user + " within " + START_TIMEOUT, last);
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
