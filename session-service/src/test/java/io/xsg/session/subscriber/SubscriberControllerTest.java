package io.xsg.session.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.session.TestSchema;
import io.xsg.session.account.AccountStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SMS provisioning over real HTTP on a random port and through the CLI, backed by the real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.basedir=target/tomcat")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SubscriberControllerTest {

    private static final TestSchema SCHEMA = TestSchema.unique("subscriber_api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountStore accounts;

    @Autowired
    SubscriberStore store;

    @BeforeEach
    void accounts() {
        jdbc.update("delete from account");
        accounts.create("joe", "password-123");
        accounts.create("ann", "password-123");
        accounts.create("icp", "password-123");
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException,
            InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subscriber(String username, String msisdn) {
        return "{\"username\":\"" + username + "\",\"msisdn\":\"" + msisdn + "\"}";
    }

    @Test
    void aSubscriberIsAnAccountWithOneNumber() throws Exception {
        var created = send("POST", "/admin/subscribers", subscriber("Joe", "+1234555666"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"username\":\"joe\"").contains("\"msisdn\":\"+1234555666\"");

        assertThat(send("GET", "/admin/subscribers/joe", null).body()).contains("+1234555666");
        assertThat(send("GET", "/admin/subscribers", null).body()).contains("\"joe\"");
        assertThat(store.byNumber("+1234555666")).hasValueSatisfying(s -> assertThat(s.username()).isEqualTo("joe"));
        assertThat(store.maySendSms("joe")).isTrue();
        assertThat(store.maySendSms("ann")).as("neither subscriber nor provider").isFalse();
    }

    @Test
    void oneNumberPerAccountAndOneAccountPerNumber() throws Exception {
        send("POST", "/admin/subscribers", subscriber("joe", "+1234555666"));

        var sameNumber = send("POST", "/admin/subscribers", subscriber("ann", "+1234555666"));
        assertThat(sameNumber.statusCode()).isEqualTo(409);
        assertThat(sameNumber.body()).contains("already belongs");
        assertThat(send("POST", "/admin/subscribers", subscriber("joe", "+1234555777")).statusCode()).isEqualTo(409);
    }

    @Test
    void numbersMustBeE164AndAccountsMustExist() throws Exception {
        for (String bad : List.of("1234555666", "+0123456", "+12", "+1234567890123456", "+12a45", "")) {
            var response = send("POST", "/admin/subscribers", subscriber("joe", bad));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.body()).as(bad).contains("\"detail\"");
        }
        assertThat(send("POST", "/admin/subscribers", subscriber("nobody", "+1234555666")).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from subscriber", Integer.class)).isZero();
    }

    @Test
    void removingASubscriberOrItsAccountFreesTheNumber() throws Exception {
        send("POST", "/admin/subscribers", subscriber("joe", "+1234555666"));
        assertThat(send("DELETE", "/admin/subscribers/joe", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/admin/subscribers/joe", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin/subscribers/joe", null).statusCode()).isEqualTo(404);

        send("POST", "/admin/subscribers", subscriber("ann", "+1234555666"));
        accounts.delete("ann");
        assertThat(store.byNumber("+1234555666")).isEmpty();
        assertThat(send("POST", "/admin/subscribers", subscriber("joe", "+1234555666")).statusCode()).isEqualTo(201);
    }

    @Test
    void aContentProviderMayTextAnyNumber() throws Exception {
        var enabled = send("PUT", "/admin/accounts/icp/sms-sender", "{\"enabled\":true}");
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(enabled.body()).contains("\"enabled\":true");
        assertThat(store.maySendSms("icp")).isTrue();

        assertThat(send("PUT", "/admin/accounts/icp/sms-sender", "{\"enabled\":false}").body())
                .contains("\"enabled\":false");
        assertThat(store.maySendSms("icp")).isFalse();
        assertThat(send("PUT", "/admin/accounts/nobody/sms-sender", "{\"enabled\":true}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theCliProvisionsTheSame() {
        var out = new ByteArrayOutputStream();
        var command = new SubscribersCommand(store, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(command.run(List.of("subscribers", "add", "joe", "+1234555666"))).isZero();
        assertThat(command.run(List.of("subscribers", "add", "ann", "+1234555666"))).isEqualTo(1);
        assertThat(command.run(List.of("subscribers", "sms-sender", "icp", "on"))).isZero();
        assertThat(command.run(List.of("subscribers", "list"))).isZero();
        assertThat(command.run(List.of("subscribers", "remove", "joe"))).isZero();
        assertThat(command.run(List.of("subscribers", "add", "joe"))).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("subscriber joe is +1234555666")
                .contains("error: +1234555666 already belongs").contains("joe\t+1234555666")
                .contains("icp may text any number").contains("removed subscriber joe").contains("usage:");
        assertThat(store.isSmsSender("icp")).isTrue();
    }
}
