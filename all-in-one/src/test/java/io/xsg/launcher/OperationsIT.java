package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What Kubernetes and Prometheus see of each service: readiness groups that include the checks that matter (a pod is
 * not sent traffic before it can serve it) and the meters the README lists.
 */
class OperationsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(ConfigurableApplicationContext service, String path) throws Exception {
        String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessCoversEachServicesOwnCondition() throws Exception {
        Gateway gateway = TestGateway.get();
        assertThat(get(gateway.edge(), "/actuator/health/readiness").body())
                .as("the edge: listeners bound and deliveries assigned").contains("\"xmppEdge\"").contains("UP");
        assertThat(get(gateway.routing(), "/actuator/health/readiness").body())
                .as("routing: the directory read").contains("\"sessionDirectory\"").contains("UP");
        Clients.await(() -> {
            try {
                return get(gateway.connector(), "/actuator/health/readiness").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "the connector bound to the simulator");
        assertThat(get(gateway.connector(), "/actuator/health/readiness").body()).contains("\"smppLinks\"");
        assertThat(get(gateway.session(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void eachServiceExportsItsMetersForPrometheus() throws Exception {
        Gateway gateway = TestGateway.get();
        String user = TestGateway.createAccount("prom");
        XMPPTCPConnection c = Clients.login(user, "desk"); // some traffic through every stage
        try {
            c.sendStanza(ClientEndpointIT.chat(user + "@a.test/desk", "counted"));
            Clients.await(() -> {
                try {
                    return get(gateway.edge(), "/actuator/prometheus").body()
                            .contains("xmpp_stanzas_total{direction=\"out\",kind=\"message\"");
                } catch (Exception e) {
                    return false;
                }
            }, "the message counted on its way out");
            String edge = get(gateway.edge(), "/actuator/prometheus").body();
            assertThat(edge).contains("xmpp_sessions").contains("xmpp_stanzas_total{direction=\"in\"")
                    .contains("xmpp_sm_resumptions_total");
            assertThat(get(gateway.routing(), "/actuator/prometheus").body())
                    .contains("routing_decisions_total{destination=\"sessions\",outcome=\"delivered\"").contains("routing_deliveries_total")
                    .contains("kafka_skipped_records_total{topic=\"xmpp.session-directory\"");
            assertThat(get(gateway.session(), "/actuator/prometheus").body())
                    .contains("im_account_stanzas_total").contains("im_deliveries_total")
                    .contains("kafka_skipped_records_total{topic=\"xmpp.session-directory\"");
            assertThat(get(gateway.connector(), "/actuator/prometheus").body())
                    .contains("smpp_bound{").contains("smpp_receipt_latency_seconds_bucket");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theConsoleAnswersWithAndWithoutATrailingSlash() throws Exception {
        Gateway gateway = TestGateway.get();
        for (String path : new String[] {"/console", "/console/"}) {
            HttpResponse<String> response = get(gateway.session(), path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/console/index.html"));
        }
        assertThat(get(gateway.session(), "/console/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void bindPasswordsNeverReachTheLog() throws Exception {
        Gateway gateway = TestGateway.get();
        int port = gateway.smsc().getBean(io.xsg.smsc.SmscSimulator.class).port();
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        var captured = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        captured.start();
        root.addAppender(captured);
        var client = new com.cloudhopper.smpp.impl.DefaultSmppClient();
        try {
            for (String password : new String[] {"Wr0ngPassw0rd!", "secret"}) { // refused, then accepted
                var cfg = new com.cloudhopper.smpp.SmppSessionConfiguration(
                        com.cloudhopper.smpp.SmppBindType.TRANSCEIVER, "gateway", password);
                cfg.setHost("127.0.0.1");
                cfg.setPort(port);
                var quiet = new com.cloudhopper.smpp.type.LoggingOptions(); // this test's own client logs nothing
                quiet.setLogPdu(false);
                quiet.setLogBytes(false);
                cfg.setLoggingOptions(quiet);
                try {
                    client.bind(cfg).unbind(2000);
                } catch (com.cloudhopper.smpp.type.SmppBindException refused) {
                    assertThat(password).isNotEqualTo("secret");
                }
            }
        } finally {
            client.destroy();
            root.detachAppender(captured);
        }
        assertThat(captured.list).as("the binds were logged at all").isNotEmpty();
        assertThat(captured.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("Wr0ngPassw0rd!") || line.contains("password [secret]"));
    }
}
