package io.xsg.smpp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.smpp.support.ConnectorHarness;
import io.xsg.smsc.SimulatorSettings;
import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.handset.Direction;
import io.xsg.smsc.handset.HandsetMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Start before the SMSC, readiness, graceful unbind, and a restart that neither loses nor repeats. */
class ConnectorLifecycleIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConnectorHarness harness;
    private SmscSimulator smsc;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        if (smsc != null) {
            smsc.stop();
        }
    }

    private ConfigurableApplicationContext startConnector(int port) {
        return harness.startConnector("gateway.smsc.links[0].id=life", "gateway.smsc.links[0].host=127.0.0.1",
                "gateway.smsc.links[0].port=" + port, "gateway.smsc.links[0].system-id=gateway",
                "gateway.smsc.links[0].password=secret", "gateway.smsc.links[0].reconnect-min=100ms",
                "gateway.smsc.links[0].reconnect-max=300ms");
    }

    private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void waitsForItsSmscUnreadyThenDeliversAndRestartsWithoutLossOrRepeat() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        harness = new ConnectorHarness();
        ConfigurableApplicationContext connector = startConnector(port);

        HttpResponse<String> health = get(connector, "/actuator/health/readiness");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(get(connector, "/actuator/health").body()).contains("\"smppLinks\"").contains("CONNECTING");
        assertThat(get(connector, "/actuator/health/liveness").statusCode()).isEqualTo(200);

        List<SmsSubmitRequest> first = requests("before", 3);
        first.forEach(harness::submit);
        Thread.sleep(500);
        assertThat(harness.results()).as("nothing can be sent without a bind").isEmpty();

        smsc = new SmscSimulator(SimulatorSettings.builder().port(port).receiptDelay(Duration.ofMillis(50)).build());
        smsc.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.results().size() == 3);
        assertThat(harness.results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SmsSubmitResult.Outcome.ACCEPTED));
        await().atMost(Duration.ofSeconds(5)).until(() -> get(connector, "/actuator/health/readiness").statusCode() == 200);
        assertThat(get(connector, "/actuator/prometheus").body()).contains("smpp_bound{link=\"life\"} 1.0");

        harness.stopConnector();
        await().atMost(Duration.ofSeconds(5)).until(() -> smsc.boundSessions().isEmpty());
        assertThat(smsc.unbindsReceived()).as("the connector unbound rather than dropping the connection")
                .isEqualTo(1);

        // a producer that sends a request again (an outbox relaying after its own crash) reaches a new connector:
        // it reads back the results published before, does not text the handset twice, and answers the copy with
        // the first result again (the producer may have lost it)
        harness.submit(first.get(0));
        List<SmsSubmitRequest> second = requests("after", 3);
        second.forEach(harness::submit);
        startConnector(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.results().size() == 7);
        List<SmsSubmitResult> answers = harness.results().stream()
                .filter(r -> r.submitId().equals(first.get(0).submitId())).toList();
        assertThat(answers).extracting(SmsSubmitResult::messageIds).hasSize(2)
                .containsOnly(answers.get(0).messageIds());

        List<String> texts = smsc.handsets().messages("+14155552000").stream()
                .filter(m -> m.direction() == Direction.MT).map(HandsetMessage::text).toList();
        assertThat(texts).as("each exactly once, in order: the first three were committed before the stop, and the"
                        + " one sent again was recognised")
                .containsExactly("before 0", "before 1", "before 2", "after 0", "after 1", "after 2");
    }

    private List<SmsSubmitRequest> requests(String prefix, int n) {
        List<SmsSubmitRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(harness.request("life", "+14155552000", prefix + " " + i, Duration.ofMinutes(1)));
        }
        return out;
    }
}
