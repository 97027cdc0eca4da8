package io.xsg.launcher.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One client session over a blocking socket, as little as a session needs (STARTTLS, SASL PLAIN, bind, initial
 * presence): no thread of its own once open, so that one process can hold tens of thousands of them. Smack's two
 * threads per connection would make such a count a test of the client.
 */
final class RawClientSession implements AutoCloseable {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='a.test' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    private final SSLSocket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawClientSession(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /**
     * @param from the local (loopback) address to connect from: each gives another ~28,000 source ports towards the
     *             one server port
     */
    static RawClientSession open(SSLContext tls, InetAddress from, int port, String user, String password,
                                 String resource) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(from, 0));
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        plain.setSoTimeout(60_000);
        write(plain.getOutputStream(), HEADER);
        readUntil(plain.getInputStream(), "</stream:features>");
        write(plain.getOutputStream(), "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        readUntil(plain.getInputStream(), "<proceed");
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "a.test", port, true);
        s.startHandshake();
        var session = new RawClientSession(s);
        session.send(HEADER);
        session.readUntil("</stream:features>");
        String plainAuth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        session.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plainAuth + "</auth>");
        // <success/> may be empty or carry additional data; either way its name is all that tells
        if (!session.readUntil("<success", "</failure>").contains("<success")) {
            s.close();
            throw new IOException("authentication failed for " + user);
        }
        session.send(HEADER);
        session.readUntil("</stream:features>");
        session.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        session.readUntil("</iq>");
        session.send("<presence/>");
        return session;
    }

    /** An XEP-0199 ping to the server; returns the time to its answer in nanoseconds. */
    long ping(String id) throws IOException {
        long start = System.nanoTime();
        send("<iq type='get' id='" + id + "' to='a.test'><ping xmlns='urn:xmpp:ping'/></iq>");
        readUntil("'" + id + "'", "\"" + id + "\"");
        return System.nanoTime() - start;
    }

    /** A whitespace keepalive (RFC 6120 §4.6.1), so that the server's idle timeout does not close the session. */
    void keepAlive() throws IOException {
        send(" ");
    }

    void send(String xml) throws IOException {
        write(out, xml);
    }

    String readUntil(String... markers) throws IOException {
        return readUntil(in, markers);
    }

    @Override
    public void close() throws IOException {
        socket.close();
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
