package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Raw bytes on a socket: what Cloudhopper's client would never send. */
class GarbageIT {

    @Test
    void anUnknownCommandGetsAGenericNack() throws Exception {
        try (SmscSimulator sim = SubmitIT.started(SimulatorSettings.defaults());
                Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.setSoTimeout(2_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            out.write(bindTransceiver(1));
            int[] bindResp = header(in);
            assertThat(bindResp[1]).isEqualTo(0x80000009);
            assertThat(bindResp[2]).isZero();
            in.skipNBytes(bindResp[0] - 16L);

            out.write(new byte[] {0, 0, 0, 16, 0, 0, 0, (byte) 0x99, 0, 0, 0, 0, 0, 0, 0, 2});
            int[] nack = header(in);
            assertThat(nack[1]).isEqualTo(0x80000000);
            assertThat(nack[2]).isEqualTo(0x03);
            assertThat(nack[3]).isEqualTo(2);
        }
    }

    private static int[] header(DataInputStream in) throws Exception {
        return new int[] {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
    }

    private static byte[] bindTransceiver(int sequence) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(cString("gateway"));
        body.write(cString("secret"));
        body.write(cString(""));
        body.write(new byte[] {0x34, 0, 0});
        body.write(cString(""));
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(pdu);
        d.writeInt(16 + body.size());
        d.writeInt(0x00000009);
        d.writeInt(0);
        d.writeInt(sequence);
        d.write(body.toByteArray());
        return pdu.toByteArray();
    }

    private static byte[] cString(String s) {
        byte[] chars = s.getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[chars.length + 1];
        System.arraycopy(chars, 0, result, 0, chars.length);
        return result;
    }
}
