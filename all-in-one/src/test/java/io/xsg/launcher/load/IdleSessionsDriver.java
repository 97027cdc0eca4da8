package io.xsg.launcher.load;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;

/**
 * Opens many idle, authenticated, bound client sessions (STARTTLS, SASL PLAIN, bind, initial presence) against a
 * gateway running in another process, then holds them until stdin closes, so that the gateway's heap can be
 * measured with and without them ({@link RawClientSession}s). Only loopback; bounded by the count given.
 *
 * <pre>
 * java -Xmx4g -cp … io.xsg.launcher.load.IdleSessionsDriver DATA_DIR [sessions=10000] [accounts=100]
 * </pre>
 * {@code scripts/session-heap.sh} runs the gateway, this driver and the heap measurements together.
 */
public final class IdleSessionsDriver {

    private static final String PASSWORD = "idle-session-password";

    private IdleSessionsDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int accounts = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        for (int a = 0; a < accounts; a++) {
            LoadClients.createAccount("http://127.0.0.1:8081", "idle" + a, PASSWORD);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {LoadClients.trustManager(dataDir.resolve("tls-a.test.crt"))},
                null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<RawClientSession>> opened = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            String user = "idle" + (i % accounts);
            String resource = "r" + i;
            opened.add(pool.submit(() -> RawClientSession.open(tls, InetAddress.getLoopbackAddress(), 5222, user,
                    PASSWORD, resource)));
        }
        List<RawClientSession> held = new ArrayList<>();
        for (Future<RawClientSession> f : opened) {
            try {
                held.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                // the pool's threads would keep this JVM, and the script waiting for it, alive for ever
                System.out.printf("FAILED after %d sessions: %s%n", held.size(), e.getCause());
                System.exit(1);
            }
        }
        pool.shutdown();
        System.out.printf("OPEN %d sessions in %.1f s%n", held.size(), (System.nanoTime() - start) / 1e9);
        System.out.flush();
        System.in.read(); // hold until told to go
        for (RawClientSession s : held) {
            s.close();
        }
    }
}
