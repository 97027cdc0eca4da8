package io.xsg.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A client that speaks bytes, not XMPP: for input no real client would send. */
final class RawStream implements AutoCloseable {

    static final String HEADER = "<?xml version='1.0'?><stream:stream to='a.test' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RawStream(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket of the caller's, e.g. a TLS one on the Direct TLS port. */
    RawStream(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(200);
    }

    /** Direct TLS (XEP-0368), trusting the gateway's certificate. */
    static RawStream directTls() throws IOException {
        return new RawStream(TestGateway.sslContext().getSocketFactory().createSocket("127.0.0.1",
                TestGateway.directTlsPort()));
    }

    /**
     * Authenticated (PLAIN over Direct TLS) and bound to {@code resource}, not yet available: a client whose every
     * received byte a test can see, from the first stanza on.
     */
    static RawStream bound(String user, String resource) throws IOException {
        RawStream s = directTls();
        s.send(HEADER).readUntil("</stream:features>");
        String plain = java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + TestGateway.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>")
                .readUntil("success").contains("<success")) {
            throw new IOException("authentication failed: " + s.text());
        }
        s.clear().send(HEADER).readUntil("</stream:features>");
        if (!s.clear().send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                + resource + "</resource></bind></iq>").readUntil("</iq>").contains("type='result'")) {
            throw new IOException("binding failed: " + s.text());
        }
        return s.clear();
    }

    /** Forgets what was read so far, so that the next {@link #readUntil} sees only what follows. */
    RawStream clear() {
        received.reset();
        return this;
    }

    RawStream send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawStream send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes in the background, so a server that closes mid-write does not stop us reading its answer. */
    CompletableFuture<Void> sendInBackground(byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                send(bytes);
            } catch (IOException expected) {
                // the server ended the stream before taking it all: that is the point
            }
        });
    }

    /** Reads until the text contains {@code marker}, or until the timeout. */
    String readUntil(String marker) throws IOException {
        return readUntil(marker, "");
    }

    /**
     * Reads until the text contains {@code marker} followed by {@code then}, or until the timeout; returns the text
     * from the marker on.
     */
    String readFrom(String marker, String then) throws IOException {
        String text = readUntil(marker, then);
        int at = text.indexOf(marker);
        return at < 0 ? "" : text.substring(at);
    }

    private String readUntil(String marker, String then) throws IOException {
        long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline
                && (!text().contains(marker) || text().indexOf(then, text().indexOf(marker)) < 0)) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                received.write(buf, 0, n);
            } catch (SocketTimeoutException again) {
                // keep waiting
            } catch (IOException reset) {
                break;
            }
        }
        return text();
    }

    /** Reads until the server closes the connection; true if it did within the timeout. */
    boolean closedByServer() throws IOException {
        long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
                received.write(buf, 0, n);
            } catch (SocketTimeoutException again) {
                // keep waiting
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
