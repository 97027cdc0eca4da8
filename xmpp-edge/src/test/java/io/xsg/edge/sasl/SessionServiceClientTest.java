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
import org.junit.jupiter.api.Test;

/** The session-service client against a real socket that takes requests and never answers them. */
class SessionServiceClientTest {

    private static SessionServiceClient client(int port) {
        var auth = new EdgeProperties.Auth(URI.create("http://127.0.0.1:" + port), null, Duration.ofSeconds(60),
                10, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(5), 3);
        return new SessionServiceClient(new EdgeProperties("a.test", "edge-1", Path.of("data"), null, null, auth,
                null, null, Duration.ofSeconds(3), Duration.ofSeconds(1)));
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
