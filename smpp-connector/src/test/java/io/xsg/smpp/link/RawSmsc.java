package io.xsg.smpp.link;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An SMSC that speaks SMPP byte by byte, for what a well-behaved simulator cannot do: send garbage, answer nothing,
 * or answer out of turn. One connection at a time; loopback only.
 */
final class RawSmsc implements AutoCloseable {

    static final int BIND_TRANSCEIVER = 0x00000009;
    static final int GENERIC_NACK = 0x80000000;
    static final int ENQUIRE_LINK = 0x00000015;

    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;

    RawSmsc() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    /** Accepts the next connection and answers its bind_transceiver with ESME_ROK. */
    void acceptBind(int timeoutMillis) throws IOException {
        server.setSoTimeout(timeoutMillis);
        socket = server.accept();
        socket.setSoTimeout(timeoutMillis);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
        Pdu bind = read();
        if (bind.commandId != BIND_TRANSCEIVER) {
            throw new IOException("expected bind_transceiver, got 0x" + Integer.toHexString(bind.commandId));
        }
        write(0x80000000 | BIND_TRANSCEIVER, 0, bind.sequence, "SMSC\0".getBytes(StandardCharsets.US_ASCII));
    }

    void write(int commandId, int status, int sequence, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.putInt(16 + body.length).putInt(commandId).putInt(status).putInt(sequence).put(body);
        out.write(b.array());
        out.flush();
    }

    /** The next PDU the ESME sends, skipping enquire_link (answered). */
    Pdu read() throws IOException {
        while (true) {
            int length = in.readInt();
            int commandId = in.readInt();
            int status = in.readInt();
            int sequence = in.readInt();
            byte[] body = new byte[length - 16];
            in.readFully(body);
            if (commandId == ENQUIRE_LINK) {
                write(0x80000000 | ENQUIRE_LINK, 0, sequence, new byte[0]);
                continue;
            }
            return new Pdu(commandId, status, sequence, body);
        }
    }

    /** The next PDU as it comes, enquire_link included (and answered). */
    Pdu readRaw() throws IOException {
        int length = in.readInt();
        int commandId = in.readInt();
        int status = in.readInt();
        int sequence = in.readInt();
        byte[] body = new byte[length - 16];
        in.readFully(body);
        if (commandId == ENQUIRE_LINK) {
            write(0x80000000 | ENQUIRE_LINK, 0, sequence, new byte[0]);
        }
        return new Pdu(commandId, status, sequence, body);
    }

    /** Closes the current connection abruptly, keeping the listener for the next bind. */
    void dropConnection() throws IOException {
        socket.close();
    }

    record Pdu(int commandId, int status, int sequence, byte[] body) {
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
