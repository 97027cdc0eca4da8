package io.xsg.smpp.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import io.xsg.smpp.support.TestLinks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link against an SMSC written byte by byte: garbage, silence, hang-ups and unbinds. */
class SmppLinkTest {

    private RawSmsc smsc;
    private SmppLink link;
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger losses = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        smsc = new RawSmsc();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            link.close();
        }
        smsc.close();
    }

    private void startLink(InboundRequests inbound) throws Exception {
        link = new SmppLink(TestLinks.link("raw", smsc.port()), inbound, new SmppLink.LinkListener() {
            @Override
            public void bound() {
                binds.incrementAndGet();
            }

            @Override
            public void lost(String reason) {
                losses.incrementAndGet();
            }
        });
        link.start();
        smsc.acceptBind(5000);
        await().atMost(Duration.ofSeconds(5)).until(link::isBound);
    }

    private static SubmitSm submit() throws Exception {
        var pdu = new SubmitSm();
        pdu.setSourceAddress(new Address((byte) 3, (byte) 0, "123"));
        pdu.setDestAddress(new Address((byte) 1, (byte) 1, "1234555666"));
        pdu.setShortMessage("hi".getBytes(StandardCharsets.US_ASCII));
        return pdu;
    }

    @Test
    void garbageFromTheSmscIsAnsweredWithGenericNack() throws Exception {
        startLink((request, respond) -> { });
        smsc.write(0x00000999, 0, 77, new byte[0]);

        RawSmsc.Pdu nack = smsc.read();

        assertThat(nack.commandId()).isEqualTo(RawSmsc.GENERIC_NACK);
        assertThat(nack.sequence()).isEqualTo(77);
        assertThat(nack.status()).isEqualTo(0x03); // ESME_RINVCMDID
        assertThat(link.isBound()).isTrue();
    }

    @Test
    void anUnansweredSubmitTimesOutInsteadOfHanging() throws Exception {
        startLink((request, respond) -> { });
        CompletableFuture<PduResponse> future = link.send(submit());
        assertThat(smsc.read().commandId()).isEqualTo(0x00000004);

        assertThatFailsWith(future, ResponseTimeoutException.class, 5);
    }

    @Test
    void aHangUpFailsWhatIsInFlightAndTheLinkRebinds() throws Exception {
        startLink((request, respond) -> { });
        CompletableFuture<PduResponse> future = link.send(submit());
        smsc.read();
        smsc.dropConnection();

        assertThatFailsWith(future, LinkUnavailableException.class, 5);
        smsc.acceptBind(5000);
        await().atMost(Duration.ofSeconds(5)).until(() -> link.isBound() && binds.get() == 2);
        assertThat(losses.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void nothingListeningMeansRetryingWithBackoffUntilItIs() throws Exception {
        int port = smsc.port();
        smsc.close();
        link = new SmppLink(TestLinks.link("raw", port), (r, c) -> { }, new SmppLink.LinkListener() {
            @Override
            public void bound() {
                binds.incrementAndGet();
            }

            @Override
            public void lost(String reason) {
                losses.incrementAndGet();
            }
        });
        link.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> losses.get() >= 3);
        assertThat(link.state()).isEqualTo(LinkState.CONNECTING);
        assertThatFailsWith(link.send(submit()), LinkUnavailableException.class, 1);
    }

    @Test
    void anUnbindFromTheSmscIsAnsweredAndTheLinkRebinds() throws Exception {
        startLink((request, respond) -> { });
        smsc.write(0x00000006, 0, 5, new byte[0]);

        RawSmsc.Pdu resp = smsc.read();
        assertThat(resp.commandId()).isEqualTo(0x80000006);
        assertThat(resp.sequence()).isEqualTo(5);
        smsc.dropConnection();
        smsc.acceptBind(5000);
        await().atMost(Duration.ofSeconds(5)).until(() -> binds.get() == 2 && link.isBound());
    }

    @Test
    void deliverSmIsAnsweredOnlyWhenTheHandlerSaysSo() throws Exception {
        var held = new CompletableFuture<java.util.function.Consumer<PduResponse>>();
        var request = new CompletableFuture<Object>();
        startLink((r, respond) -> {
            request.complete(r);
            held.complete(respond);
        });
        smsc.write(0x00000005, 0, 9, deliverSmBody("1234555666", "123", "LOGIN"));
        var respond = held.get(5, TimeUnit.SECONDS);
        assertThat(request.get()).isInstanceOf(com.cloudhopper.smpp.pdu.DeliverSm.class);

        respond.accept(((com.cloudhopper.smpp.pdu.DeliverSm) request.get()).createResponse());

        RawSmsc.Pdu resp = smsc.read();
        assertThat(resp.commandId()).isEqualTo(0x80000005);
        assertThat(resp.sequence()).isEqualTo(9);
    }

    @Test
    void anIdleLinkIsProbedWithEnquireLink() throws Exception {
        startLink((r, c) -> { });
        RawSmsc.Pdu probe = smsc.readRaw();
        assertThat(probe.commandId()).isEqualTo(RawSmsc.ENQUIRE_LINK);
    }

    static byte[] deliverSmBody(String from, String to, String text) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        byte[] m = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(64 + f.length + t.length + m.length);
        b.put((byte) 0); // service_type ""
        b.put((byte) 1).put((byte) 1).put(f).put((byte) 0);
        b.put((byte) 3).put((byte) 0).put(t).put((byte) 0);
        b.put((byte) 0).put((byte) 0).put((byte) 0); // esm_class, protocol_id, priority
        b.put((byte) 0).put((byte) 0); // schedule, validity ""
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // registered, replace, dcs, default msg id
        b.put((byte) m.length).put(m);
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }

    private static void assertThatFailsWith(CompletableFuture<?> future, Class<? extends Throwable> type,
                                            int seconds) throws Exception {
        try {
            future.get(seconds, TimeUnit.SECONDS);
            throw new AssertionError("expected " + type.getSimpleName() + " but it succeeded");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
        }
    }
}
