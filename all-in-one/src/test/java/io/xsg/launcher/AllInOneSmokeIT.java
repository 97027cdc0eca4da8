package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.session.account.AccountStore;
import io.xsg.session.account.AccountsCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path: the launcher on its embedded defaults (its own Kafka broker and the embedded H2 database in
 * a data directory), an account made with the CLI, and a client that logs in and talks to the server.
 */
class AllInOneSmokeIT {

    @Test
    void embeddedDefaultsServeAClient(@TempDir Path dataDir) throws Exception {
        List<String> args = TestGateway.common(dataDir, null);
        try (Gateway gateway = Gateway.start(args.toArray(String[]::new))) {
            assertThat(gateway.session().getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:");
            // everything the gateway writes is in its data directory, nothing in /tmp (Tomcat's base directories)
            assertThat(Files.list(dataDir).map(p -> p.getFileName().toString())).contains("db", "kafka", "tomcat");

            var out = new ByteArrayOutputStream();
            int code = new AccountsCommand(gateway.session().getBean(AccountStore.class),
                    new ByteArrayInputStream((TestGateway.PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8)).run(List.of("accounts", "create", "smoke"));
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("created smoke");

            var config = Clients.starttls("smoke", Gateway.c2sPort(gateway.edge()))
                    .setCustomX509TrustManager(TestGateway.trustManager(gateway.certificate())).build();
            XMPPTCPConnection c = Clients.login(config);
            try {
                assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(c)
                        .pingMyServer(true, Clients.TIMEOUT.toMillis())).isTrue();
            } finally {
                c.disconnect();
            }
            assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("tls-a.test"));
        }
    }
}
