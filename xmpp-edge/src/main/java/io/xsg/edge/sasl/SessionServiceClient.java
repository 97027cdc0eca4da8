package io.xsg.edge.sasl;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import jakarta.annotation.PreDestroy;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
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
    /**
     * Connections kept to the session service: up to {@link #MAX_ROSTER_READS} may each wait up to two seconds for
     * the directory, the rest carry credential lookups and registrations (a request waits for a free one).
     */
    static final int MAX_CONNECTIONS = 2 * MAX_ROSTER_READS;
    /** The name of the client's one I/O thread, on which every answer is completed. */
    static final String IO_THREAD = "session-service-client";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Apache HttpClient 5's asynchronous client: HTTP/1.1 with keep-alive over a pool of connections, on one I/O
     * thread of its own, on which answers are completed. What runs there is short and never blocks (a small JSON
     * parse; SASL and the roster read go on on the stream's event loop or the PBKDF2 pool). Not the JDK's
     * {@code HttpClient}: its {@code sendAsync} hands every answer on to {@code CompletableFuture}'s default
     * executor (JDK-8204339), which on a machine or pod of two CPUs or fewer (the common pool's parallelism 1)
     * starts a new thread for each answer; on two cores, eight lookups out at once cost four to five times the
     * CPU per lookup that they cost on this client.
     * A GET or DELETE whose pooled connection the session service had just closed is sent again once; nothing is
     * sent again after a refused connection or a timeout.
     */
    private final CloseableHttpAsyncClient http;
    private final URI base;
    private final String apiToken;
    private final AsyncCache<String, Accounts> cache;
    private final AtomicInteger rosterReads = new AtomicInteger();

    public SessionServiceClient(EdgeProperties properties) {
        this.base = properties.auth().sessionServiceUrl();
        this.apiToken = properties.auth().apiToken();
        this.http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(2)).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setThreadFactory(new DefaultThreadFactory(IO_THREAD, true))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(REQUEST_TIMEOUT))
                        .setResponseTimeout(Timeout.of(REQUEST_TIMEOUT))
                        .build())
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS,
                        List.of(InterruptedIOException.class, UnknownHostException.class, ConnectException.class,
                                NoRouteToHostException.class, SSLException.class),
                        List.of()) { // no status is retried: 503 is the session service's own answer
                })
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAuthCaching()
                .build();
        this.http.start();
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
        var request = request("POST", "internal/accounts");
        request.setBody(body, ContentType.APPLICATION_JSON);
        return send(request).thenApply(response -> {
            if (response.getCode() == 201) {
                invalidate(username);
                return null;
            }
            if (response.getCode() == 409 || response.getCode() == 400) {
                throw new RegistrationRefusedException(response.getCode(), response.getBodyText());
            }
            throw new UnavailableException("session service answered " + response.getCode());
        });
    }

    /** Removes an account at its own request (XEP-0077 §3.2). */
    public CompletableFuture<Void> unregister(String username) {
        return send(request("DELETE", "internal/accounts/" + segment(username))).thenApply(response -> {
            invalidate(username);
            if (response.getCode() == 204 || response.getCode() == 404) {
                return null;
            }
            throw new UnavailableException("session service answered " + response.getCode());
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
        var request = request("GET", "internal/rosters/" + segment(username) + "?session=" + segment(sessionId));
        return send(request).thenApply(response -> {
            if (response.getCode() != 200) {
                throw new UnavailableException("session service answered " + response.getCode());
            }
            return JSON.readValue(response.getBodyBytes(), Roster.class);
        }).whenComplete((roster, error) -> rosterReads.decrementAndGet());
    }

    private CompletableFuture<Accounts> fetch(String username) {
        return send(request("GET", "internal/credentials/" + segment(username))).thenApply(response -> {
            if (response.getCode() == 404) {
                return Accounts.UNKNOWN;
            }
            if (response.getCode() != 200) {
                throw new UnavailableException("session service answered " + response.getCode());
            }
            return parse(JSON.readValue(response.getBodyBytes(), Credentials.class));
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

    private SimpleHttpRequest request(String method, String path) {
        var request = SimpleHttpRequest.create(method, base.resolve(base.getPath().endsWith("/") ? path : "/" + path));
        if (apiToken != null && !apiToken.isBlank()) {
            request.setHeader("Authorization", "Bearer " + apiToken);
        }
        return request;
    }

    /** Sends a request; the answer completes on the client's I/O thread, a failure with the client's exception. */
    private CompletableFuture<SimpleHttpResponse> send(SimpleHttpRequest request) {
        var answer = new CompletableFuture<SimpleHttpResponse>();
        http.execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                answer.complete(response);
            }

            @Override
            public void failed(Exception e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void cancelled() {
                answer.completeExceptionally(new UnavailableException("request to the session service cancelled"));
            }
        });
        return answer;
    }

    /** At the edge's stop, after its streams: a call still out fails, as its stream has gone. */
    @PreDestroy
    void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
