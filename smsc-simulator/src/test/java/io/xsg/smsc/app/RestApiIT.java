package io.xsg.smsc.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import io.xsg.smsc.SmscSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        SmscSimulatorApplication.CONFIG_NAME, "smsc.port=0", "smsc.receipt-delay=50ms",
        "server.tomcat.basedir=target/tomcat"})
class RestApiIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int httpPort;

    @Autowired
    SmscSimulator simulator;

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final DefaultSmppClient client = new DefaultSmppClient(io, 1);
    private SmppSession session;

    @AfterEach
    void unbind() {
        if (session != null) {
            session.unbind(1_000);
            session.destroy();
        }
        client.destroy();
        io.shutdownNow();
        simulator.handsets().clear();
        simulator.clearSubmitted();
    }

    @Test
    void moIsConflictWhileNobodyIsBoundThenAcceptedAndListed() throws Exception {
        HttpResponse<String> conflict = post("/api/mo", "{\"from\":\"+15550001111\",\"to\":\"123\",\"text\":\"HELP\"}");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).path("title").asString()).isEqualTo("No ESME bound to receive");

        bind();
        assertThat(json(get("/api/binds")).get(0).path("systemId").asString()).isEqualTo("gateway");
        HttpResponse<String> accepted = post("/api/mo",
                "{\"from\":\"+15550001111\",\"to\":\"123\",\"text\":\"HELP\",\"mode\":\"sar\",\"shuffle\":true}");
        assertThat(accepted.statusCode()).isEqualTo(202);

        JsonNode handsets = json(get("/api/handsets"));
        assertThat(handsets.get(0).path("msisdn").asString()).isEqualTo("+15550001111");
        assertThat(handsets.get(0).path("moCount").asInt()).isEqualTo(1);
        JsonNode messages = json(get("/api/handsets/%2B15550001111/messages"));
        assertThat(messages.get(0).path("direction").asString()).isEqualTo("MO");
        assertThat(messages.get(0).path("text").asString()).isEqualTo("HELP");
        assertThat(messages.get(0).path("at").asString()).contains("T");
    }

    @Test
    void badMoInputIsA400NamingTheField() throws Exception {
        assertFieldError(post("/api/mo", "{\"from\":\"+15550001111\",\"to\":\"123\",\"text\":\"  \"}"), "text");
        assertFieldError(post("/api/mo", "{\"from\":\"+1-555-CALL-ME!\",\"to\":\"123\",\"text\":\"hi\"}"), "from");
        assertFieldError(post("/api/mo", "{\"from\":\"+15550001111\",\"to\":\"123\",\"text\":\"hi\",\"mode\":\"UDH7\"}"),
                "mode");
        assertThat(post("/api/mo", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void submitsAreListedNewestLast() throws Exception {
        bind();
        for (String text : new String[] {"one", "two", "three"}) {
            SubmitSm submit = new SubmitSm();
            submit.setSourceAddress(new Address((byte) 5, (byte) 0, "X000000001"));
            submit.setDestAddress(new Address((byte) 1, (byte) 1, "447700900001"));
            submit.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
            session.submit(submit, 2_000);
        }
        JsonNode submits = json(get("/api/submits?limit=2"));
        assertThat(submits).hasSize(2);
        assertThat(submits.get(1).path("shortMessageHex").asString()).isEqualTo("7468726565");
        assertThat(submits.get(1).path("destination").asString()).isEqualTo("+447700900001");
        assertFieldError(get("/api/submits?limit=0"), "limit");
        assertFieldError(get("/api/submits?limit=lots"), "limit");
    }

    @Test
    void faultsCanBeSwitchedOverHttp() throws Exception {
        assertThat(json(put("/api/faults/unresponsive", "{\"enabled\":true}")).path("unresponsive").asBoolean()).isTrue();
        assertThat(simulator.isUnresponsive()).isTrue();
        put("/api/faults/unresponsive", "{\"enabled\":false}");
        assertThat(simulator.isUnresponsive()).isFalse();
        assertFieldError(put("/api/faults/unresponsive", "{}"), "enabled");

        assertThat(json(post("/api/faults/fail-next", "{\"count\":2,\"commandStatus\":20}")).path("failuresLeft").asInt())
                .isEqualTo(2);
        assertFieldError(post("/api/faults/fail-next", "{\"count\":1,\"commandStatus\":0}"), "commandStatus");
        post("/api/faults/fail-next", "{\"count\":0,\"commandStatus\":20}");
        assertThat(simulator.failuresLeft()).isZero();

        bind();
        assertThat(json(post("/api/faults/drop", "")).path("dropped").asInt()).isEqualTo(1);
    }

    @Test
    void servesTheHandsetPage() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SMSC simulator", "app.js");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").body()).contains("UP");
    }

    private void assertFieldError(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("errors").path(field).asString()).as(response.body()).isNotBlank();
    }

    private void bind() throws Exception {
        SmppSessionConfiguration c = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "gateway", "secret");
        c.setHost("127.0.0.1");
        c.setPort(simulator.port());
        c.getLoggingOptions().setLogPdu(false);
        session = client.bind(c, new DefaultSmppSessionHandler() {
            @Override
            @SuppressWarnings("rawtypes")
            public PduResponse firePduRequestReceived(PduRequest request) {
                return request.createResponse();
            }
        });
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return HTTP.send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
