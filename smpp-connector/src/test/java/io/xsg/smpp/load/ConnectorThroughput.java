package io.xsg.smpp.load;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import io.xsg.events.sms.SmsSubmitRequest;
import io.xsg.events.sms.SmsSubmitResult;
import io.xsg.smpp.support.ConnectorHarness;
import io.xsg.smsc.SimulatorSettings;
import io.xsg.smsc.SmscSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Connector throughput beside the raw Cloudhopper client rate, in one run against the same simulator, both with a
 * window of 100:
 * <pre>
 *   ./mvnw -q -o test-compile -pl smpp-connector -am
 *   java -cp "$(cat smpp-connector/target/test-classpath.txt):smpp-connector/target/classes:smpp-connector/target/test-classes" \
 *       io.xsg.smpp.load.ConnectorThroughput 20000 1000
 * </pre>
 * (the README's Benchmarks section gives the command that writes the class path file). The connector figure is
 * Kafka → connector → simulator → submit result durable in Kafka, for requests queued before the connector starts,
 * timed from its bind to the last result. Receipts are off in both runs so each counts submit_sm alone.
 */
public final class ConnectorThroughput {

    private ConnectorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int handsets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int window = 100;
        try (var smsc = new SmscSimulator(SimulatorSettings.builder().windowSize(window).journalLimit(1000)
                .receiptDelay(Duration.ofSeconds(1)).build())) {
            smsc.start();
            double raw = rawClientRate(smsc.port(), messages, window);
            System.out.printf("raw Cloudhopper client: %,d submit_sm in window %d: %,.0f/s%n", messages, window, raw);

            try (var harness = new ConnectorHarness()) {
                List<SmsSubmitRequest> requests = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    String to = String.format("+1555%07d", i % handsets);
                    var r = harness.request("load", to, "load test message " + i, Duration.ofMinutes(10));
                    requests.add(new SmsSubmitRequest(r.submitId(), r.linkId(), r.source(), r.destination(),
                            r.text(), null, false, r.expiresAt(), r.createdAt(), null, null));
                }
                harness.startConnector("gateway.smsc.links[0].id=load",
                        "gateway.smsc.links[0].host=127.0.0.1",
                        "gateway.smsc.links[0].port=" + smsc.port(),
                        "gateway.smsc.links[0].system-id=gateway",
                        "gateway.smsc.links[0].password=secret",
                        "gateway.smsc.links[0].window=" + window,
                        "gateway.smsc.links[0].tps=1000000");
                // queue everything while the connector waits for its first records, then time until the last result
                long start = System.nanoTime();
                harness.submitAll(requests);
                long queued = System.nanoTime();
                while (harness.results().size() < messages) {
                    Thread.sleep(20);
                    if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                        throw new IllegalStateException("only " + harness.results().size() + " results in 5 min");
                    }
                }
                long end = System.nanoTime();
                long accepted = harness.results().stream()
                        .filter(r -> r.outcome() == SmsSubmitResult.Outcome.ACCEPTED).count();
                double rate = messages / ((end - start) / 1e9);
                System.out.printf("connector: %,d requests (%,d accepted) to %,d handsets in %.2f s "
                                + "(queueing took %.2f s): %,.0f/s%n", messages, accepted, handsets,
                        (end - start) / 1e9, (queued - start) / 1e9, rate);
                System.out.printf("connector / raw = %.2f%n", rate / raw);
            }
        }
        System.exit(0);
    }

    static double rawClientRate(int port, int messages, int window) throws Exception {
        var client = new DefaultSmppClient(Executors.newCachedThreadPool(), 1);
        var cfg = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "gateway", "secret");
        cfg.setHost("127.0.0.1");
        cfg.setPort(port);
        cfg.setWindowSize(window);
        cfg.setRequestExpiryTimeout(30_000);
        var quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        cfg.setLoggingOptions(quiet);
        var permits = new Semaphore(window);
        SmppSession session = client.bind(cfg, new DefaultSmppSessionHandler() {
            @Override
            public void fireExpectedPduResponseReceived(com.cloudhopper.smpp.PduAsyncResponse response) {
                permits.release();
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            permits.acquire();
            var pdu = new SubmitSm();
            pdu.setSourceAddress(new Address((byte) 3, (byte) 0, "123"));
            pdu.setDestAddress(new Address((byte) 1, (byte) 1, String.format("1666%07d", i % 1000)));
            pdu.setShortMessage(("raw message " + i).getBytes(StandardCharsets.ISO_8859_1));
            session.sendRequestPdu(pdu, 10_000, false);
        }
        permits.acquire(window);
        long end = System.nanoTime();
        session.unbind(2000);
        session.destroy();
        client.destroy();
        return messages / ((end - start) / 1e9);
    }
}
