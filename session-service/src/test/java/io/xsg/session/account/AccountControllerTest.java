package io.xsg.session.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xsg.session.TestSchema;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The account API over real HTTP on a random port, backed by the real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.basedir=target/tomcat")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountControllerTest {

    private static final TestSchema SCHEMA = TestSchema.unique("account_api");
    private static final String PASSWORD = "right-password-1";
    private static final String TOKEN = "s3cret-token";

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

    @BeforeEach
    void empty() {
        jdbc.update("delete from account");
    }

    HttpResponse<String> send(String method, String host, String path, String json, String authorization)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, "127.0.0.1", path, json, null);
    }

    static String account(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void createReturns201WithTheNormalisedAccount() throws Exception {
        var response = send("POST", "/admin/accounts", account("Joe", PASSWORD));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"username\":\"joe\"").contains("\"createdAt\"")
                .doesNotContain(PASSWORD);
    }

    @Test
    void duplicateIs409WithAProblemDetail() throws Exception {
        send("POST", "/admin/accounts", account("joe", PASSWORD));

        var response = send("POST", "/admin/accounts", account("JOE", PASSWORD));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":409").contains("\"detail\":\"account joe already exists\"");
    }

    @Test
    void badPasswordIs400() throws Exception {
        var response = send("POST", "/admin/accounts", account("joe", "short"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"status\":400").contains("at least");
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isZero();
    }

    @Test
    void passwordProhibitedBySaslPrepIs400NotAServerError() throws Exception {
        var response = send("POST", "/admin/accounts", account("joe", "bell\\u0007password"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isZero();
    }

    @Test
    void badUsernameIs400() throws Exception {
        assertThat(send("POST", "/admin/accounts", account("joe@a.test", PASSWORD)).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/admin/accounts", "{\"password\":\"" + PASSWORD + "\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void listShowsAccountsInOrder() throws Exception {
        send("POST", "/admin/accounts", account("mike", PASSWORD));
        send("POST", "/admin/accounts", account("alice", PASSWORD));

        var response = send("GET", "/admin/accounts", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[{\"username\":\"alice\"");
        assertThat(response.body().indexOf("alice")).isLessThan(response.body().indexOf("mike"));
    }

    @Test
    void credentialsOfAnAccountAndDecoysOfTheSameShapeForANameWithout() throws Exception {
        send("POST", "/admin/accounts", account("joe", PASSWORD));

        var found = send("GET", "/internal/credentials/joe", null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"username\":\"joe\"").contains("SCRAM-SHA-1")
                .contains("SCRAM-SHA-256").contains("\"storedKey\"").contains("\"iterations\":4096")
                .doesNotContain(PASSWORD);

        var nobody = send("GET", "/internal/credentials/nobody", null);
        assertThat(nobody.statusCode()).as("nothing tells an unknown name from an account").isEqualTo(200);
        assertThat(nobody.body()).contains("\"username\":\"nobody\"").contains("SCRAM-SHA-1")
                .contains("SCRAM-SHA-256").contains("\"iterations\":4096");
        assertThat(shapeOf(nobody.body())).isEqualTo(shapeOf(found.body().replace("joe", "nobody")));
        assertThat(send("GET", "/internal/credentials/nobody", null).body()).as("the same decoy every time")
                .isEqualTo(nobody.body());
        assertThat(jdbc.queryForObject("select count(*) from server_secret", Integer.class))
                .as("the decoys' key is kept, so other instances and restarts derive the same ones").isEqualTo(1);
        assertThat(send("GET", "/internal/credentials/somebody", null).body().replace("somebody", "nobody"))
                .as("another name, other salts").isNotEqualTo(nobody.body());
        assertThat(send("GET", "/internal/credentials/not@valid", null).statusCode()).isEqualTo(200);
    }

    /** The body with every base64 value replaced by its length. */
    private static String shapeOf(String body) {
        var m = java.util.regex.Pattern.compile("\"(salt|storedKey|serverKey)\":\"([^\"]*)\"").matcher(body);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "\"$1\":" + m.group(2).length());
        }
        return m.appendTail(out).toString();
    }

    @Test
    void changePasswordIs204Then404ForAMissingAccount() throws Exception {
        send("POST", "/admin/accounts", account("joe", PASSWORD));

        assertThat(send("PUT", "/admin/accounts/joe/password", "{\"password\":\"another-password\"}").statusCode())
                .isEqualTo(204);
        assertThat(send("PUT", "/admin/accounts/nobody/password", "{\"password\":\"another-password\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void deleteIs204Then404() throws Exception {
        send("POST", "/admin/accounts", account("joe", PASSWORD));

        assertThat(send("DELETE", "/admin/accounts/joe", null).statusCode()).isEqualTo(204);
        var again = send("DELETE", "/admin/accounts/joe", null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("\"status\":404");
    }

    @Test
    void inBandRegistrationCreatesAnAccount() throws Exception {
        assertThat(send("POST", "/internal/accounts", account("ann", PASSWORD)).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/internal/accounts", account("ann", PASSWORD)).statusCode()).isEqualTo(409);
    }

    @Test
    void withoutATokenLoopbackCallersAreAllowed() throws Exception {
        assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, "Bearer anything").statusCode())
                .isEqualTo(200);
    }

    @Test
    void withoutATokenOtherCallersAreRefused() throws Exception {
        String address = nonLoopbackAddress().orElse(null);
        assumeTrue(address != null, "no non-loopback IPv4 address on this host");

        var response = send("GET", address, "/admin/accounts", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(send("GET", address, "/internal/credentials/joe", null, null).statusCode()).isEqualTo(401);
    }

    static Optional<String> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Nested
    @TestPropertySource(properties = "gateway.session.api-token=" + TOKEN)
    class WithAnApiToken {

        @Test
        void missingBearerIs401() throws Exception {
            assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", "127.0.0.1", "/internal/credentials/joe", null, null).statusCode())
                    .isEqualTo(401);
            assertThat(send("POST", "127.0.0.1", "/admin/accounts", account("joe", PASSWORD), null).statusCode())
                    .isEqualTo(401);
            assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isZero();
        }

        @Test
        void wrongBearerIs401() throws Exception {
            assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, "Bearer wrong").statusCode())
                    .isEqualTo(401);
            assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, "Bearer " + TOKEN + "x").statusCode())
                    .isEqualTo(401);
            assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, TOKEN).statusCode()).isEqualTo(401);
            assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, "Basic " + TOKEN).statusCode())
                    .isEqualTo(401);
        }

        @Test
        void rightBearerIs200() throws Exception {
            assertThat(send("GET", "127.0.0.1", "/admin/accounts", null, "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(send("POST", "127.0.0.1", "/admin/accounts", account("joe", PASSWORD), "Bearer " + TOKEN)
                    .statusCode()).isEqualTo(201);
            assertThat(send("GET", "127.0.0.1", "/internal/credentials/joe", null, "Bearer " + TOKEN)
                    .statusCode()).isEqualTo(200);
        }

        @Test
        void rightBearerWorksFromAnyAddress() throws Exception {
            String address = nonLoopbackAddress().orElse(null);
            assumeTrue(address != null, "no non-loopback IPv4 address on this host");

            assertThat(send("GET", address, "/admin/accounts", null, "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(send("GET", address, "/admin/accounts", null, null).statusCode()).isEqualTo(401);
        }

        @Test
        void encodedOrParameterisedPathsDoNotSlipPastTheFilter() throws Exception {
            jdbc.update("insert into account (username, created_at) values ('joe', now())");

            // each of these reaches the same handler as /admin/accounts or /internal/credentials/joe
            for (String path : new String[] {"/%61dmin/accounts", "/admin;x=1/accounts",
                    "/%69nternal/credentials/joe", "/internal;x=1/credentials/joe", "//admin/accounts",
                    "/admin/./accounts", "/x/../admin/accounts", "/admin/%2e/accounts", "/ADMIN/accounts",
                    "/admin//accounts", "/internal/credentials/%6Aoe"}) {
                var response = send("GET", "127.0.0.1", path, null, null);
                // refused by the guard (401) or by its firewall (400), or no such handler (404): never served
                assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
                assertThat(response.body()).as(path).doesNotContain("\"username\":\"joe\"");
            }
        }

        @Test
        void healthNeedsNoToken() throws Exception {
            assertThat(send("GET", "127.0.0.1", "/actuator/health/liveness", null, null).statusCode())
                    .isEqualTo(200);
        }
    }
}
