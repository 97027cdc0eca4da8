package io.xsg.launcher.load;

import io.xsg.launcher.Gateway;
import io.xsg.launcher.TempDirs;
import java.nio.file.Path;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS handshakes against the edge's Direct TLS port (XEP-0368), one after the other from one client thread: full
 * handshakes (a new client context each time, so no session to resume) and resumed ones (one context). The edge's
 * share is what issue 11 compares with Prosody; the client's JDK TLS is in the figure too, the same for both builds.
 *
 * <pre>
 * java -cp $CP io.xsg.launcher.load.TlsHandshakeDriver [handshakes=300]
 * java -Dhold=40 -cp $CP io.xsg.launcher.load.TlsHandshakeDriver &   # then, with the port it prints:
 * openssl s_time -connect 127.0.0.1:PORT -new -time 20                 # full handshakes/s, C client
 * </pre>
 */
public final class TlsHandshakeDriver {

    private TlsHandshakeDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = TempDirs.deletedAtExit("gateway-tls");
        try (Gateway gateway = Gateway.start("--gateway.data-dir=" + dir, "--gateway.embedded-kafka.port=0",
                "--server.port=0", "--gateway.xmpp.c2s.port=0", "--gateway.xmpp.c2s.direct-tls-port=0",
                "--gateway.xmpp.c2s.bind-address=127.0.0.1", "--gateway.kafka.topics.partitions=4",
                "--logging.level.root=WARN", "--smsc.port=0")) {
            int port = Gateway.directTlsPort(gateway.edge());
            long hold = Long.getLong("hold", 0); // seconds to stay up for an outside client (openssl s_time)
            if (hold > 0) {
                System.out.println("direct TLS on 127.0.0.1:" + port + " for " + hold + " s");
                Thread.sleep(hold * 1000);
                return;
            }
            X509TrustManager trust = LoadClients.trustManager(gateway.certificate());
            SSLContext shared = context(trust);
            run("warm-up", 100, port, trust, null);
            run("full handshakes", n, port, trust, null);
            run("resumed (one client context)", n, port, trust, shared);
        }
        System.exit(0);
    }

    private static void run(String what, int n, int port, X509TrustManager trust, SSLContext shared)
            throws Exception {
        long[] micros = new long[n];
        long serverCpu = -otherThreadsCpuNanos();
        for (int i = 0; i < n; i++) {
            SSLContext context = shared != null ? shared : context(trust);
            long start = System.nanoTime();
            try (var socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                socket.startHandshake();
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        serverCpu += otherThreadsCpuNanos();
        Arrays.sort(micros);
        System.out.printf("%s: %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms; CPU of the gateway's threads per"
                        + " handshake %.2f ms%n", what, n, micros[n / 2] / 1000.0, micros[(int) (n * 0.9)] / 1000.0,
                micros[(int) (n * 0.99)] / 1000.0, serverCpu / 1e6 / n);
    }

    /** CPU time of every thread but this one (the client): the gateway's share, with whatever else idles along. */
    private static long otherThreadsCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            if (id != self) {
                long t = threads.getThreadCpuTime(id);
                sum += Math.max(0, t);
            }
        }
        return sum;
    }

    private static SSLContext context(X509TrustManager trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }
}
