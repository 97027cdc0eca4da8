package io.xsg.launcher.load;

import com.sun.management.OperatingSystemMXBean;
import io.xsg.directory.SessionDirectory;
import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.events.v1.SessionEntry;
import io.xsg.launcher.Gateway;
import io.xsg.launcher.TempDirs;
import io.xsg.session.account.AccountStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A login's two HTTP calls from the edge to the session service, each measured by itself with the edge's own
 * {@link SessionServiceClient} against the session service of an in-process all-in-one: {@code credentials} (the
 * edge's cache emptied before each call, as at a user's first login) or {@code roster} (the read the edge makes as it
 * binds; its session is put straight into the session service's copy of the directory first, so the read does not
 * wait for Kafka). {@code callers} calls out at once for twice {@code seconds} (the first half warms the JIT up), then
 * the second half measured: calls per second, latency, and the CPU per call by kind of thread (the session service's
 * Tomcat and roster-read threads, the edge's HTTP client, the rest). The machine's other work counts in "other": run
 * it on an idle machine.
 *
 * <pre>
 * java -cp $CP io.xsg.launcher.load.InternalApiDriver [credentials|roster] [callers=8] [seconds=20] [accounts=1000]
 * java -Dgateway.args="--name=value ..." -cp $CP ...   # the same with settings of the gateway's to compare
 * </pre>
 */
public final class InternalApiDriver {

    private InternalApiDriver() {
    }

    public static void main(String[] args) throws Exception {
        boolean roster = args.length > 0 && args[0].equals("roster");
        int callers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int accounts = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        var dir = TempDirs.deletedAtExit("gateway-internal-api");
        var commandLine = new ArrayList<>(List.of("--gateway.data-dir=" + dir, "--gateway.embedded-kafka.port=0",
                "--server.port=0", "--gateway.xmpp.c2s.port=0", "--gateway.xmpp.c2s.direct-tls-port=-1",
                "--gateway.xmpp.c2s.bind-address=127.0.0.1", "--gateway.xmpp.s2s.port=0",
                "--gateway.xmpp.s2s.direct-tls-port=-1", "--gateway.xmpp.s2s.bind-address=127.0.0.1",
                "--logging.level.root=WARN", "--smsc.port=0"));
        String extra = System.getProperty("gateway.args", "").trim();
        if (!extra.isEmpty()) {
            commandLine.addAll(List.of(extra.split("\\s+")));
        }
        try (Gateway gateway = Gateway.start(commandLine.toArray(String[]::new))) {
            AccountStore store = gateway.session().getBean(AccountStore.class);
            for (int i = 0; i < accounts; i++) {
                store.create("user" + i, "password-" + i);
            }
            SessionServiceClient client = gateway.edge().getBean(SessionServiceClient.class);
            Call call = roster ? rosterRead(client, gateway.session().getBean(SessionDirectory.class))
                    : credentialLookup(client);
            run(call, callers, seconds * 1000L, accounts, false);
            run(call, callers, seconds * 1000L, accounts, true);
        }
        System.exit(0);
    }

    /** One call for one account: it completes normally when the session service answered as it should. */
    private interface Call {
        CompletableFuture<?> of(String user);
    }

    private static Call credentialLookup(SessionServiceClient client) {
        return user -> {
            client.invalidate(user);
            return client.credentials(user).thenAccept(found -> {
                if (!found.known()) {
                    throw new IllegalStateException("no credentials for " + user);
                }
            });
        };
    }

    /** As at a binding: the session's entry, roster pushes on, then the read; the entry goes when it is done. */
    private static Call rosterRead(SessionServiceClient client, SessionDirectory directory) {
        var sessions = new AtomicInteger();
        return user -> {
            String session = "driver-" + sessions.incrementAndGet();
            directory.apply(session, new SessionEntry(session, user + "@a.test/driver", "edge-driver", "run-1",
                    false, 0, System.currentTimeMillis(), null, true, false), replaced -> { });
            return client.roster(user, session).whenComplete((read, error) -> directory.apply(session, null,
                    replaced -> { }));
        };
    }

    private static void run(Call call, int callers, long millis, int accounts, boolean report)
            throws InterruptedException {
        var latencies = new long[1 << 22];
        var count = new AtomicInteger();
        var failures = new AtomicInteger();
        var next = new AtomicInteger();
        long end = System.nanoTime() + millis * 1_000_000;
        var done = new CountDownLatch(callers);
        Map<String, Long> before = cpuByKind();
        long processBefore = processCpu();
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            next(call, next, accounts, end, latencies, count, failures, done);
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        long process = processCpu() - processBefore;
        Map<String, Long> after = cpuByKind();
        if (!report) {
            return;
        }
        int n = Math.min(count.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("%d callers, %.1f s: %d calls (%d failed), %.0f/s; latency p50 %.2f ms, p99 %.2f ms%n",
                callers, elapsed / 1e9, n, failures.get(), n / (elapsed / 1e9), sorted[n / 2] / 1e6,
                sorted[(int) (n * 0.99)] / 1e6);
        long threads = 0;
        var line = new StringBuilder("CPU per call, ms:");
        for (var kind : after.entrySet()) {
            long spent = kind.getValue() - before.getOrDefault(kind.getKey(), 0L);
            threads += spent;
            line.append(String.format(" %s %.3f,", kind.getKey(), spent / 1e6 / n));
        }
        line.append(String.format(" (threads gone or unnamed %.3f); process %.3f", (process - threads) / 1e6 / n,
                process / 1e6 / n));
        System.out.println(line);
    }

    /** One caller: the next call starts when the last one completes, until {@code end}. */
    private static void next(Call call, AtomicInteger next, int accounts, long end, long[] latencies,
                             AtomicInteger count, AtomicInteger failures, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        String user = "user" + Math.floorMod(next.getAndIncrement(), accounts);
        long start = System.nanoTime();
        call.of(user).whenComplete((answer, error) -> {
            if (error != null) {
                failures.incrementAndGet();
            }
            int i = count.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = System.nanoTime() - start;
            }
            next(call, next, accounts, end, latencies, count, failures, done);
        });
    }

    private static long processCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU so far of the live threads by kind: the session service's HTTP threads, the edge's HTTP client, the rest. */
    private static Map<String, Long> cpuByKind() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byKind = new TreeMap<>(Map.of("session-http", 0L, "edge-http-client", 0L, "other", 0L));
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            String name = info.getThreadName();
            String kind = name.startsWith("http-nio") || name.startsWith("roster-read") ? "session-http"
                    : name.startsWith("session-service-client") ? "edge-http-client" : "other";
            byKind.merge(kind, cpu, Long::sum);
        }
        return byKind;
    }
}
