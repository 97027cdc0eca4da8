package io.xsg.launcher;

import io.xsg.session.SessionServiceApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@code java -jar all-in-one.jar [--key=value …]} runs the gateway; {@code java -jar all-in-one.jar accounts …}
 * manages accounts in the same (embedded or configured) database.
 */
public final class AllInOne {

    private AllInOne() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && SessionServiceApplication.isCommand(args[0])) {
            System.exit(command(args));
        }
        Gateway gateway = Gateway.start(args);
        var stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            gateway.close();
            stopped.countDown();
        };
        // SIGTERM and Ctrl-C stop the gateway in order before the JVM's shutdown hooks run: H2's hook would
        // otherwise close the embedded database under consumers still draining (their transactions fail, and an
        // SMS whose release was sent to the connector is rolled back to waiting). The hook stays for other exits.
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                stop.run();
                System.exit(128 + signal.getNumber());
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "gateway-shutdown"));
        stopped.await();
    }

    /** {@code accounts …} or {@code subscribers …} on the all-in-one's own database (./data unless told). */
    private static int command(String[] args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        boolean hasUrl = all.stream().anyMatch(a -> a.startsWith("--spring.datasource.url="))
                || System.getenv("DATABASE_URL") != null;
        if (!hasUrl) {
            String dataDir = all.stream().filter(a -> a.startsWith("--gateway.data-dir="))
                    .map(a -> a.substring("--gateway.data-dir=".length())).findFirst()
                    .orElse(System.getenv().getOrDefault("GATEWAY_DATA_DIR", "data"));
            all.add("--spring.datasource.url=" + Gateway.embeddedDatabaseUrl(Path.of(dataDir).toAbsolutePath()));
            all.add("--spring.datasource.username=sa");
            all.add("--spring.datasource.password=");
        }
        all.add("--spring.config.name=" + SessionServiceApplication.CONFIG_NAME + ",all-in-one");
        return SessionServiceApplication.runCommand(
                new SpringApplicationBuilder(SessionServiceApplication.class), all.toArray(String[]::new));
    }
}
