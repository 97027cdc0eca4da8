package io.xsg.edge.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.edge.config.EdgeProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The session-service client against real sockets: an HTTP server of the JDK's, and one that never answers. */
class SessionServiceClientTest {

    private static SessionServiceClient client(int port) {
        var auth = new EdgeProperties.Auth(URI.create("http://127.0.0.1:" + port), null, Duration.ofSeconds(60),
                10, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(5), 3);
        return new SessionServiceClient(new EdgeProperties("a.test", "edge-1", Path.of("data"), null, null, auth,
                null, null, Duration.ofSeconds(3), Duration.ofSeconds(1)));
    }

    /**
     * Every answer completes on the client's one I/O thread, whatever the machine's CPUs: the JDK's client handed each
     * to {@code CompletableFuture}'s default executor, which on two CPUs or fewer is a new thread per answer.
     */
    @Test
    void answersCompleteOnTheClientsIoThreadOverKeptConnections() throws Exception {
        Set<String> completedOn = ConcurrentHashMap.newKeySet();
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/internal/credentials/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String user = exchange.getRequestURI().getPath().substring("/internal/credentials/".length());
            byte[] body = user.equals("nobody") ? new byte[0]
                    : ("{\"username\":\"" + user + "\",\"credentials\":[{\"mechanism\":\"SCRAM-SHA-256\","
                            + "\"salt\":\"c2FsdA==\",\"iterations\":4096,\"storedKey\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
                            + "\"serverKey\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(user.equals("nobody") ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var client = client(server.getAddress().getPort());
            for (int i = 0; i < 50; i++) {
                var known = client.credentials("user" + i)
                        .whenComplete((found, error) -> completedOn.add(Thread.currentThread().getName()))
                        .get(10, TimeUnit.SECONDS);
                assertThat(known.known()).isTrue();
                assertThat(known.credentials()).containsKey(io.xsg.xmpp.sasl.ScramMechanism.SCRAM_SHA_256);
            }
            assertThat(client.credentials("nobody").get(10, TimeUnit.SECONDS).known()).isFalse();
            String caller = Thread.currentThread().getName(); // where an answer faster than whenComplete runs it
            assertThat(completedOn).allMatch(name -> name.startsWith(SessionServiceClient.IO_THREAD)
                    || name.equals(caller)).anyMatch(name -> name.startsWith(SessionServiceClient.IO_THREAD));
            // a connection goes back to the pool just after its answer completes: the next call may open a second
            assertThat(clientPorts).as("51 calls one after the other over kept connections").hasSizeLessThan(4);
            client.close();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rosterReadsPastTheLimitAreNotMadeAndTheLimitFreesAsReadsEnd() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (var server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            var client = client(server.getLocalPort());
            List<CompletableFuture<SessionServiceClient.Roster>> out = new ArrayList<>();
            for (int i = 0; i < SessionServiceClient.MAX_ROSTER_READS; i++) {
                out.add(client.roster("joe", "s" + i));
            }
            var refused = client.roster("joe", "one-too-many");
            assertThat(refused).isCompletedExceptionally();
            assertThat(out).noneMatch(CompletableFuture::isDone);

            synchronized (accepted) { // the session service goes away: the reads fail, and free their places
                for (Socket s : accepted) {
                    s.close();
                }
            }
            for (var read : out) {
                try {
                    read.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    // no answer
                }
            }
            var again = client.roster("joe", "later");
            assertThat(again.isDone()).as("made, not refused: it waits for the server like the first ones").isFalse();
            again.cancel(true);
        }
    }
}
