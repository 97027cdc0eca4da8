package io.xsg.edge.sasl;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's one synchronous dependency (DESIGN.md §2): SASL needs an account's SCRAM credentials within the
 * handshake. Asynchronous, so a Netty event loop never waits, and cached, so a reconnect storm does not become a
 * database storm. A failed call is not cached; an unknown account is (briefly, with the same TTL).
 */
@Component
public class SessionServiceClient {

    /** The session service's answer: an unknown account, or its credentials by mechanism. */
    public record Accounts(Map<ScramMechanism, ScramCredential> credentials) {
        static final Accounts UNKNOWN = new Accounts(Map.of());

        public boolean known() {
            return !credentials.isEmpty();
        }
    }

    /** The session service refused or failed; SASL answers {@code temporary-auth-failure}. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /** Registration refused: the account exists, or the name or password is not acceptable. */
    public static final class RegistrationRefusedException extends RuntimeException {
        private final int status;

        public RegistrationRefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public boolean conflict() {
            return status == 409;
        }
    }

    /** An account's roster as the session service read it: its version and its {@code <query/>}, serialised. */
    public record Roster(long version, String query) {
    }

    private record StoredCredential(String mechanism, String salt, int iterations, String storedKey,
                                    String serverKey) {
    }

    private record Credentials(String username, List<StoredCredential> credentials) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Roster reads out at once from this edge: each is a request the session service keeps open while its directory
     * catches up with the session, and a connection here. In a reconnect storm the reads past this many are not made,
     * and those first gets go the Kafka way instead.
     */
    static final int MAX_ROSTER_READS = 32;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * HTTP/1.1 with keep-alive: the default (HTTP/2) offers every new connection an h2c upgrade the session service
     * does not take; measured against it, 10 to 25% more requests per second. Answers are completed on the client's
     * selector thread rather than handed to a pool: what runs on them is short and never blocks (a small JSON
     * parse; SASL and the roster read go on on the stream's event loop or the PBKDF2 pool).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run).connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String apiToken;
    private final AsyncCache<String, Accounts> cache;
    private final AtomicInteger rosterReads = new AtomicInteger();

    public SessionServiceClient(EdgeProperties properties) {
        this.base = properties.auth().sessionServiceUrl();
        this.apiToken = properties.auth().apiToken();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.auth().credentialCacheTtl())
                .maximumSize(100_000)
                .buildAsync();
    }

    public CompletableFuture<Accounts> credentials(String username) {
        return cache.get(username, (user, executor) -> fetch(user));
    }

    /** Forgets what is cached for an account (after it was registered or its password failed). */
    public void invalidate(String username) {
        cache.synchronous().invalidate(username);
    }

    public CompletableFuture<Void> register(String username, String password) {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        var request = request("internal/accounts").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() == 201) {
                invalidate(username);
                return null;
            }
            if (response.statusCode() == 409 || response.statusCode() == 400) {
                throw new RegistrationRefusedException(response.statusCode(), response.body());
            }
            throw new UnavailableException("session service answered " + response.statusCode());
        });
    }

    /** Removes an account at its own request (XEP-0077 §3.2). */
    public CompletableFuture<Void> unregister(String username) {
        var request = request("internal/accounts/" + segment(username)).DELETE().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            invalidate(username);
            if (response.statusCode() == 204 || response.statusCode() == 404) {
                return null;
            }
            throw new UnavailableException("session service answered " + response.statusCode());
        });
    }

    /**
     * An account's roster, read for a session's first roster get (not cached: it changes, and is read once per
     * login). The session service answers once its copy of the directory shows the session interested in roster
     * pushes (so that no change falls between the read and the pushes). Fails with {@link UnavailableException} when
     * the session service does not answer it, or at once when {@link #MAX_ROSTER_READS} are out.
     */
    public CompletableFuture<Roster> roster(String username, String sessionId) {
        if (rosterReads.incrementAndGet() > MAX_ROSTER_READS) {
            rosterReads.decrementAndGet();
            return CompletableFuture.failedFuture(new UnavailableException("too many roster reads out"));
        }
        var request = request("internal/rosters/" + segment(username) + "?session=" + segment(sessionId)).GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new UnavailableException("session service answered " + response.statusCode());
            }
            return JSON.readValue(response.body(), Roster.class);
        }).whenComplete((roster, error) -> rosterReads.decrementAndGet());
    }

    private CompletableFuture<Accounts> fetch(String username) {
        var request = request("internal/credentials/" + segment(username)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() == 404) {
                return Accounts.UNKNOWN;
            }
            if (response.statusCode() != 200) {
                throw new UnavailableException("session service answered " + response.statusCode());
            }
            return parse(JSON.readValue(response.body(), Credentials.class));
        });
    }

    private static Accounts parse(Credentials credentials) {
        var decoder = Base64.getDecoder();
        Map<ScramMechanism, ScramCredential> map = new EnumMap<>(ScramMechanism.class);
        for (StoredCredential c : credentials.credentials()) {
            Optional<ScramMechanism> mechanism = ScramMechanism.byName(c.mechanism());
            mechanism.ifPresent(m -> map.put(m, new ScramCredential(m, decoder.decode(c.salt()), c.iterations(),
                    decoder.decode(c.storedKey()), decoder.decode(c.serverKey()))));
        }
        return new Accounts(Map.copyOf(map));
    }

    /** A value for a URI path segment or query parameter: percent-encoded, spaces as {@code %20}. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(base.resolve(base.getPath().endsWith("/") ? path : "/" + path))
                .timeout(REQUEST_TIMEOUT);
        if (apiToken != null && !apiToken.isBlank()) {
            builder.header("Authorization", "Bearer " + apiToken);
        }
        return builder;
    }
}
