package io.xsg.launcher.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's sessions-scale test: how many idle sessions one edge holds, what each costs, and whether the event loops
 * stay responsive. Runs only in the Maven profile {@code sessions-scale} (it takes minutes, and its ports are the
 * all-in-one's defaults):
 * <pre>
 * ./mvnw -B -Psessions-scale verify -pl all-in-one -am -Dsessions=100000
 * </pre>
 * It starts the all-in-one jar in a JVM of its own ({@code -Xmx4g}; embedded Kafka, H2 in a temporary directory,
 * 127.0.0.1 only) and opens idle sessions from this JVM (STARTTLS, SASL PLAIN, bind, initial presence; ten resources
 * per account; from 127.0.0.1, 127.0.0.2, … so that no source address runs out of ports), sending each a whitespace
 * keepalive every minute as a client does. At 1,000, 10,000, 50,000, 100,000 sessions and at the last count it takes
 * the gateway's live heap after a full GC, its resident set, and the time of 200 XEP-0199 pings over a session of
 * its own (through routing, as any client's). It asserts that every session opened, that the heap grows by at most
 * 24 kB per session (between the first and the last mark) and that no ping took 50 ms or more; the table goes to
 * standard output and {@code target/sessions-scale.txt}.
 * <p>
 * Each session is a file descriptor in both processes: a count above what the file-descriptor limit allows is cut
 * to it, and the report says so.
 */
class SessionsScaleIT {

    private static final String PASSWORD = "scale-session-password";
    private static final int RESOURCES_PER_ACCOUNT = 10;
    private static final int PER_SOURCE_ADDRESS = 25_000;
    private static final int DESCRIPTORS_SPARE = 2_500;
    private static final long HEAP_PER_SESSION_GOAL = 24 * 1024;
    private static final Duration PING_GOAL = Duration.ofMillis(50);
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    @TempDir
    Path data;

    private Process gateway;
    private final ConcurrentLinkedQueue<RawClientSession> held = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor();

    record Mark(int sessions, long heapKiB, long rssKiB, double pingP50Ms, double pingP99Ms, double pingMaxMs) {
    }

    @Test
    void oneEdgeHoldsIdleSessionsWithASmallHeapAndResponsiveEventLoops() throws Exception {
        int requested = Integer.getInteger("sessions", 100_000);
        long limit = openFilesLimit();
        int sessions = (int) Math.min(requested, limit - DESCRIPTORS_SPARE);
        String cut = sessions < requested ? String.format(Locale.ROOT,
                "%,d sessions asked for; cut to %,d by this machine's file-descriptor limit (%,d per process)",
                requested, sessions, limit) : null;

        startGateway();
        int accounts = (sessions + RESOURCES_PER_ACCOUNT - 1) / RESOURCES_PER_ACCOUNT;
        createAccounts(accounts);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {LoadClients.trustManager(data.resolve("tls-a.test.crt"))}, null);
        keepalive.scheduleWithFixedDelay(this::keepAlive, 1, 1, TimeUnit.MINUTES);
        RawClientSession prober = RawClientSession.open(tls, InetAddress.getLoopbackAddress(), 5222, "scale0",
                PASSWORD, "prober");

        var marks = new TreeSet<>(List.of(1_000, 10_000, 50_000, 100_000));
        marks.removeIf(m -> m >= sessions);
        marks.add(sessions);
        List<Mark> measured = new ArrayList<>();
        ExecutorService openers = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        int opened = 0;
        try {
            for (int mark : marks) {
                List<Future<RawClientSession>> batch = new ArrayList<>();
                for (int i = opened; i < mark; i++) {
                    int n = i;
                    InetAddress from = InetAddress.getByAddress(
                            new byte[] {127, 0, 0, (byte) (1 + n / PER_SOURCE_ADDRESS)});
                    batch.add(openers.submit(() -> RawClientSession.open(tls, from, 5222,
                            "scale" + (n / RESOURCES_PER_ACCOUNT), PASSWORD, "r" + n)));
                }
                for (Future<RawClientSession> f : batch) {
                    held.add(f.get());
                }
                opened = mark;
                System.out.printf(Locale.ROOT, "%,d sessions open after %.0f s%n", opened,
                        (System.nanoTime() - start) / 1e9);
                Thread.sleep(5_000); // the last presences settle
                measured.add(measure(opened, prober));
            }
        } finally {
            openers.shutdownNow();
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;

        String report = report(measured, cut, openSeconds);
        System.out.println(report);
        Files.writeString(Path.of("target", "sessions-scale.txt"), report);

        assertThat(held).hasSize(sessions);
        Mark first = measured.get(0);
        Mark last = measured.get(measured.size() - 1);
        if (last.sessions() > first.sessions()) {
            long perSession = (last.heapKiB() - first.heapKiB()) * 1024 / (last.sessions() - first.sessions());
            assertThat(perSession).as("live heap per idle session, bytes").isLessThanOrEqualTo(HEAP_PER_SESSION_GOAL);
        }
        for (Mark m : measured) {
            assertThat(m.pingMaxMs()).as("slowest ping at %,d sessions, ms", m.sessions())
                    .isLessThan(PING_GOAL.toMillis());
        }
    }

    private Mark measure(int sessions, RawClientSession prober) throws Exception {
        long heap = liveHeapKiB();
        long rss = residentKiB();
        long[] pings = new long[200];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = prober.ping("ping-" + sessions + "-" + i);
            Thread.sleep(10);
        }
        Arrays.sort(pings);
        return new Mark(sessions, heap, rss, pings[pings.length / 2] / 1e6, pings[pings.length * 99 / 100] / 1e6,
                pings[pings.length - 1] / 1e6);
    }

    private static String report(List<Mark> marks, String cut, double openSeconds) {
        var out = new StringBuilder("\n| idle sessions | live heap (MiB) | heap per session since the first mark"
                + " | RSS (MiB) | RSS per session since the first mark | ping p50 / p99 / max (ms) |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        Mark first = marks.get(0);
        for (Mark m : marks) {
            int delta = m.sessions() - first.sessions();
            out.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %,d | %s | %.1f / %.1f / %.1f |%n",
                    m.sessions(), m.heapKiB() / 1024,
                    delta > 0 ? perSession(m.heapKiB() - first.heapKiB(), delta) : "-",
                    m.rssKiB() / 1024,
                    delta > 0 ? perSession(m.rssKiB() - first.rssKiB(), delta) : "-",
                    m.pingP50Ms(), m.pingP99Ms(), m.pingMaxMs()));
        }
        out.append(String.format(Locale.ROOT, "opened in %.0f s (STARTTLS, SASL PLAIN, bind, presence)%n",
                openSeconds));
        if (cut != null) {
            out.append(cut).append('\n');
        }
        return out.toString();
    }

    private static String perSession(long kib, int sessions) {
        return String.format(Locale.ROOT, "%,d B", kib * 1024 / sessions);
    }

    private void keepAlive() {
        for (RawClientSession s : held) {
            try {
                s.keepAlive();
            } catch (IOException e) {
                System.out.println("a session is gone: " + e);
            }
        }
    }

    private void startGateway() throws Exception {
        String jar = System.getProperty("gateway.jar");
        assertThat(Path.of(jar)).as("the all-in-one jar (package first)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        gateway = new ProcessBuilder(java, "-Xmx4g", "-jar", jar, "--gateway.data-dir=" + data,
                "--gateway.xmpp.c2s.bind-address=127.0.0.1", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(data.resolve("gateway.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            assertThat(gateway.isAlive()).as("gateway running; see " + data.resolve("gateway.log")).isTrue();
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:8080/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("gateway ready within 3 minutes").isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    private static void createAccounts(int accounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> created = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                String user = "scale" + a;
                created.add(pool.submit(() -> {
                    LoadClients.createAccount("http://127.0.0.1:8081", user, PASSWORD);
                    return null;
                }));
            }
            for (Future<Object> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private long liveHeapKiB() throws Exception {
        jcmd("GC.run");
        Matcher m = USED.matcher(jcmd("GC.heap_info"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(gateway.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for the gateway");
    }

    private String jcmd(String command) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(gateway.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    /** This process's soft limit on open files; the gateway, started from it, inherits it. */
    private static long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.split("\\s+")[3]);
            }
        }
        return Long.MAX_VALUE;
    }

    @AfterEach
    void stop() throws Exception {
        keepalive.shutdownNow();
        for (RawClientSession s : held) {
            try {
                s.close();
            } catch (IOException ignored) {
                // going anyway
            }
        }
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }
}
