package io.xsg.launcher.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Opens many idle, authenticated, bound client sessions (STARTTLS, SASL PLAIN, bind, initial presence) against a
 * gateway running in another process, then holds them until stdin closes, so that the gateway's heap can be
 * measured with and without them. A minimal client of raw sockets: Smack's two threads per connection would make
 * 10,000 sessions a test of the client. Only loopback; bounded by the count given.
 *
 * <pre>
 * java -Xmx4g -cp … io.xsg.launcher.load.IdleSessionsDriver DATA_DIR [sessions=10000] [accounts=100]
 * </pre>
 * {@code scripts/session-heap.sh} runs the gateway, this driver and the heap measurements together.
 */
public final class IdleSessionsDriver {

    private static final String PASSWORD = "idle-session-password";
    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='a.test' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

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
        List<Future<Socket>> opened = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            String user = "idle" + (i % accounts);
            String resource = "r" + i;
            opened.add(pool.submit(() -> open(tls, user, resource)));
        }
        List<Socket> held = new ArrayList<>();
        for (Future<Socket> f : opened) {
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
        for (Socket s : held) {
            s.close();
        }
    }

    private static Socket open(SSLContext tls, String user, String resource) throws IOException {
        Socket plain = new Socket("127.0.0.1", 5222);
        plain.setSoTimeout(60_000);
        write(plain.getOutputStream(), HEADER);
        readUntil(plain.getInputStream(), "</stream:features>");
        write(plain.getOutputStream(), "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        readUntil(plain.getInputStream(), "<proceed");
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "a.test", 5222, true);
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        write(out, HEADER);
        readUntil(in, "</stream:features>");
        String plainAuth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        write(out, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plainAuth + "</auth>");
        if (!readUntil(in, "</success>", "</failure>").contains("<success")) {
            throw new IOException("authentication failed for " + user);
        }
        write(out, HEADER);
        readUntil(in, "</stream:features>");
        write(out, "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        readUntil(in, "</iq>");
        write(out, "<presence/>");
        return s;
    }

    private static void write(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readUntil(InputStream in, String... markers) throws IOException {
        var text = new StringBuilder();
        byte[] buf = new byte[4096];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed after: " + text);
            }
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            for (String m : markers) {
                if (text.indexOf(m) >= 0) {
                    return text.toString();
                }
            }
        }
    }
}
