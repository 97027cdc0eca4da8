package io.xsg.smsc;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** A Cloudhopper client playing the ESME: records every deliver_sm and answers it with {@link #deliverStatus}. */
final class TestEsme implements AutoCloseable {
    static final String SYSTEM_ID = "gateway";
    static final String PASSWORD = "secret";

    final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int deliverStatus;

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
    private final DefaultSmppClient client = new DefaultSmppClient(io, 1, monitor);
    private SmppSession session;

    static TestEsme bind(int port) throws Exception {
        return bind(port, SYSTEM_ID, PASSWORD, SmppBindType.TRANSCEIVER);
    }

    static TestEsme bind(int port, String systemId, String password, SmppBindType type) throws Exception {
        TestEsme esme = new TestEsme();
        try {
            esme.session = esme.client.bind(config(port, systemId, password, type), esme.new Handler());
            return esme;
        } catch (Exception e) {
            esme.close();
            throw e;
        }
    }

    static SmppSessionConfiguration config(int port, String systemId, String password, SmppBindType type) {
        SmppSessionConfiguration c = new SmppSessionConfiguration(type, systemId, password);
        c.setName("test-esme");
        c.setHost("127.0.0.1");
        c.setPort(port);
        c.setWindowSize(50);
        c.setConnectTimeout(2_000);
        c.setBindTimeout(2_000);
        c.setRequestExpiryTimeout(2_000);
        c.setWindowMonitorInterval(200);
        LoggingOptions quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        c.setLoggingOptions(quiet);
        return c;
    }

    SmppSession session() {
        return session;
    }

    SubmitSmResp submit(SubmitSm submit) throws Exception {
        return session.submit(submit, 2_000);
    }

    SubmitSmResp submit(String to, String text, int registeredDelivery) throws Exception {
        return submit(submitSm("+15550000001", to, text.getBytes(StandardCharsets.ISO_8859_1), registeredDelivery));
    }

    static SubmitSm submitSm(String from, String to, byte[] shortMessage, int registeredDelivery) throws Exception {
        SubmitSm s = new SubmitSm();
        s.setSourceAddress(address(from));
        s.setDestAddress(address(to));
        s.setRegisteredDelivery((byte) registeredDelivery);
        s.setShortMessage(shortMessage);
        return s;
    }

    static Address address(String text) {
        SimAddress a = SimAddress.parse(text);
        return new Address((byte) a.ton(), (byte) a.npi(), a.address());
    }

    DeliverSm nextDeliver(Duration timeout) throws InterruptedException {
        return delivered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<DeliverSm> deliveries(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DeliverSm> result = new ArrayList<>();
        while (result.size() < count) {
            DeliverSm next = delivered.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            result.add(next);
        }
        return result;
    }

    @Override
    public void close() {
        if (session != null) {
            if (session.isBound()) {
                session.unbind(1_000);
            }
            session.destroy();
        }
        client.destroy();
        monitor.shutdownNow();
        io.shutdownNow();
    }

    private final class Handler extends DefaultSmppSessionHandler {
        Handler() {
            super(LoggerFactory.getLogger(TestEsme.class));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            PduResponse response = request.createResponse();
            if (request instanceof DeliverSm) {
                // status first: a test may change it as soon as it sees the PDU
                response.setCommandStatus(deliverStatus);
                delivered.add((DeliverSm) request);
            }
            return response;
        }

        @Override
        public void fireChannelUnexpectedlyClosed() {
            closed.countDown();
        }
    }
}
