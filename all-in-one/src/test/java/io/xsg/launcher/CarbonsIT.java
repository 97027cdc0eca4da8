package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Message Carbons (XEP-0280): a user's other resources see what one of them sent and received. */
class CarbonsIT {

    @BeforeAll
    static void start() {
        TestGateway.get();
        TestGateway.secondEdge();
    }

    @Test
    void theOtherResourceGetsReceivedAndSentCopies() throws Exception {
        String sara = TestGateway.createAccount("sara");
        String tom = TestGateway.createAccount("tom");
        XMPPTCPConnection laptop = Clients.login(sara, "laptop");
        XMPPTCPConnection phone = Clients.loginOnSecondEdge(sara, "phone");
        XMPPTCPConnection t = Clients.login(tom, "laptop");
        try {
            assertThat(CarbonManager.getInstanceFor(phone).isSupportedByServer()).isTrue();
            CarbonManager.getInstanceFor(phone).enableCarbons();
            var copies = new LinkedBlockingQueue<Object[]>();
            CarbonManager.getInstanceFor(phone).addCarbonCopyReceivedListener((direction, carbon, wrapping) ->
                    copies.add(new Object[] {direction, carbon}));

            t.sendStanza(ClientEndpointIT.chat(sara + "@a.test/laptop", "for the laptop"));
            Object[] received = copies.poll(15, TimeUnit.SECONDS);
            assertThat(received).as("a received carbon").isNotNull();
            assertThat(received[0]).isEqualTo(CarbonExtension.Direction.received);
            assertThat(((Message) received[1]).getBody()).isEqualTo("for the laptop");

            laptop.sendStanza(ClientEndpointIT.chat(tom + "@a.test", "from the laptop"));
            Object[] sent = copies.poll(15, TimeUnit.SECONDS);
            assertThat(sent).as("a sent carbon").isNotNull();
            assertThat(sent[0]).isEqualTo(CarbonExtension.Direction.sent);
            assertThat(((Message) sent[1]).getBody()).isEqualTo("from the laptop");
            assertThat(((Message) sent[1]).getTo().toString()).isEqualTo(tom + "@a.test");

            Message privateOne = ClientEndpointIT.chat(tom + "@a.test", "not for the phone");
            CarbonManager.disableCarbons(privateOne);
            laptop.sendStanza(privateOne);
            laptop.sendStanza(ClientEndpointIT.chat(tom + "@a.test", "marker"));
            Object[] next = copies.poll(15, TimeUnit.SECONDS);
            assertThat(next).as("the marker's copy").isNotNull();
            assertThat(((Message) next[1]).getBody()).as("<private/> is not copied, the next message is")
                    .isEqualTo("marker");
        } finally {
            laptop.disconnect();
            phone.disconnect();
            t.disconnect();
        }
    }
}
