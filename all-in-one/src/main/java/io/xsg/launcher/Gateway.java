package io.xsg.launcher;

import io.xsg.edge.EdgeApplication;
import io.xsg.edge.tls.ServerTls;
import io.xsg.edge.transport.EdgeLifecycle;
import io.xsg.routing.RoutingApplication;
import io.xsg.session.SessionServiceApplication;
import io.xsg.smpp.SmppConnectorApplication;
import io.xsg.smsc.SmscSimulator;
import io.xsg.smsc.app.SmscSimulatorApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The whole gateway in one JVM: session service, routing service, one or more edges and the SMPP connector, each in
 * its own Spring context with its own configuration file, exactly as they run apart. Kafka, the database and the
 * SMSC are embedded unless configured ({@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url},
 * {@code gateway.smsc.links[0].host}, or their environment variables), so a first run needs nothing installed: the
 * SMSC simulator's handset page (port 8090) then shows what the gateway texts.
 */
public final class Gateway implements AutoCloseable {

    /** Auto-configuration an edge or routing context must not pick up from the session service's classpath. */
    private static final String DATABASE_AUTOCONFIG = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    private final List<String> args;
    private final Path dataDir;
    private final EmbeddedKafkaBroker kafka;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private boolean closed;
    private ConfigurableApplicationContext session;
    private ConfigurableApplicationContext routing;
    private ConfigurableApplicationContext edge;
    private ConfigurableApplicationContext smsc;
    private ConfigurableApplicationContext connector;

    private Gateway(List<String> args, Path dataDir, EmbeddedKafkaBroker kafka) {
        this.args = args;
        this.dataDir = dataDir;
        this.kafka = kafka;
    }

    /**
     * Starts everything.
     *
     * @param commandLine Spring-style arguments ({@code --gateway.xmpp.domain=b.test}), applied to every service
     */
    public static Gateway start(String... commandLine) {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(commandLine));
        Path dataDir = Path.of(env.getProperty("gateway.data-dir", env.getProperty("GATEWAY_DATA_DIR", "data")))
                .toAbsolutePath();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("gateway.xmpp.data-dir", dataDir.toString());

        EmbeddedKafkaBroker broker = null;
        if (env.getProperty("spring.kafka.bootstrap-servers") == null
                && env.getProperty("KAFKA_BOOTSTRAP_SERVERS") == null) {
            int port = env.getProperty("gateway.embedded-kafka.port", Integer.class, 9092);
            broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port);
            overrides.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        }
        if (env.getProperty("spring.datasource.url") == null && env.getProperty("DATABASE_URL") == null) {
            overrides.put("spring.datasource.url", embeddedDatabaseUrl(dataDir));
            overrides.put("spring.datasource.username", "sa");
            overrides.put("spring.datasource.password", "");
        }
        List<String> args = new ArrayList<>(List.of(commandLine));
        overrides.forEach((k, v) -> args.add("--" + k + "=" + v));
        var gateway = new Gateway(args, dataDir, broker);
        try {
            gateway.startServices();
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /**
     * An H2 file database in PostgreSQL mode; AUTO_SERVER lets the accounts CLI use it while the gateway runs.
     * WRITE_DELAY=0: H2 otherwise writes a commit to its file up to 500 ms later, and a crash (kill -9) in that time
     * loses what the gateway had acknowledged (a stored message, a roster change).
     * H2 closes the database from a shutdown hook of its own (AUTO_SERVER rules out DB_CLOSE_ON_EXIT=FALSE), which is
     * why {@link AllInOne} stops the gateway on SIGTERM before the JVM's hooks run.
     */
    static String embeddedDatabaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private void startServices() {
        session = run(SessionServiceApplication.class, SessionServiceApplication.CONFIG_NAME, List.of());
        String sessionUrl = "http://127.0.0.1:" + session.getEnvironment().getProperty("local.server.port");
        routing = run(RoutingApplication.class, RoutingApplication.CONFIG_NAME,
                List.of("--spring.autoconfigure.exclude=" + DATABASE_AUTOCONFIG));
        edge = startEdge(List.of("--gateway.xmpp.auth.session-service-url=" + sessionUrl));
        startSmsBridge(sessionUrl);
    }

    /** The simulator stands in for the carrier's SMSC unless a link is configured. */
    private void startSmsBridge(String sessionUrl) {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args.toArray(String[]::new)));
        List<String> connectorArgs = new ArrayList<>(List.of("--spring.autoconfigure.exclude=" + DATABASE_AUTOCONFIG));
        if (!smscConfigured(env)) {
            smsc = run(SmscSimulatorApplication.class, "smsc-simulator",
                    List.of("--spring.autoconfigure.exclude=" + DATABASE_AUTOCONFIG,
                            // its handset page names the party behind each virtual number
                            "--smsc.virtual-numbers-url=" + sessionUrl + "/admin/handsets/{msisdn}/virtual-numbers"));
            var simulator = smsc.getBean(SmscSimulator.class);
            var account = simulator.settings().accounts().entrySet().iterator().next();
            // a list binds from one property source as a whole, so the link is given whole here
            connectorArgs.add("--gateway.smsc.links[0].id=" + env.getProperty("SMSC_LINK_ID", "smsc-1"));
            connectorArgs.add("--gateway.smsc.links[0].host=127.0.0.1");
            connectorArgs.add("--gateway.smsc.links[0].port=" + simulator.port());
            connectorArgs.add("--gateway.smsc.links[0].system-id=" + account.getKey());
            connectorArgs.add("--gateway.smsc.links[0].password=" + account.getValue());
        }
        connector = run(SmppConnectorApplication.class, "smpp-connector", connectorArgs);
    }

    /**
     * Whether the operator named a real SMSC, in any place the connector would read it from: the command line, a
     * system property, the environment ({@code SMSC_HOST}, {@code GATEWAY_SMSC_LINKS_0_HOST}) or a
     * {@code config/smpp-connector.yml} / {@code config/all-in-one.yml} file.
     */
    static boolean smscConfigured(StandardEnvironment env) {
        var loader = new YamlPropertySourceLoader();
        for (String file : List.of("config/smpp-connector.yml", "config/all-in-one.yml")) {
            Path path = Path.of(file);
            if (Files.isRegularFile(path)) {
                try {
                    loader.load(file, new FileSystemResource(path)).forEach(env.getPropertySources()::addLast);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        ConfigurationPropertySources.attach(env);
        return env.getProperty("SMSC_HOST") != null
                || Binder.get(env).bind("gateway.smsc.links[0].host", String.class).isBound();
    }

    /** Starts one more edge (tests run two, to chat across edges); give it its own {@code gateway.xmpp.edge-id}. */
    public ConfigurableApplicationContext startEdge(List<String> extraArgs) {
        List<String> edgeArgs = new ArrayList<>(extraArgs);
        edgeArgs.add("--spring.autoconfigure.exclude=" + DATABASE_AUTOCONFIG);
        if (session != null && extraArgs.stream().noneMatch(a -> a.contains("session-service-url"))) {
            edgeArgs.add("--gateway.xmpp.auth.session-service-url=http://127.0.0.1:"
                    + session.getEnvironment().getProperty("local.server.port"));
        }
        return run(EdgeApplication.class, EdgeApplication.CONFIG_NAME, edgeArgs);
    }

    private ConfigurableApplicationContext run(Class<?> application, String configName, List<String> extra) {
        // later arguments override earlier ones with the same key (Spring would join them with a comma)
        Map<String, String> merged = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (List<String> source : List.of(args, extra, List.of("--spring.config.name=" + configName + ",all-in-one"))) {
            for (String arg : source) {
                if (arg.startsWith("--")) {
                    int eq = arg.indexOf('=');
                    merged.put(eq < 0 ? arg : arg.substring(0, eq), arg);
                } else {
                    positional.add(arg);
                }
            }
        }
        List<String> all = new ArrayList<>(positional);
        all.addAll(merged.values());
        // no shutdown hook per context: they would close the services all at once, in no order, beside the
        // gateway's own hook (AllInOne), which stops them in order and the broker last
        // each service's embedded Tomcat keeps its base directory in the data directory, one per service and reused
        // at the next start (by default each start left a tomcat.* tree in /tmp that Spring never removes); a default
        // property, so that a setting anywhere else (file, environment, command line) wins
        var context = new SpringApplicationBuilder(application).registerShutdownHook(false)
                .properties(Map.of("server.tomcat.basedir",
                        dataDir.resolve("tomcat").resolve(configName + "-" + contexts.size()).toString()))
                .run(all.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    public ConfigurableApplicationContext session() {
        return session;
    }

    public ConfigurableApplicationContext routing() {
        return routing;
    }

    public ConfigurableApplicationContext edge() {
        return edge;
    }

    /** The SMSC simulator's context, or {@code null} when a real SMSC is configured. */
    public ConfigurableApplicationContext smsc() {
        return smsc;
    }

    public ConfigurableApplicationContext connector() {
        return connector;
    }

    public static int c2sPort(ConfigurableApplicationContext edge) {
        return edge.getBean(EdgeLifecycle.class).server().port();
    }

    public static int directTlsPort(ConfigurableApplicationContext edge) {
        return edge.getBean(EdgeLifecycle.class).server().directTlsPort();
    }

    public Path certificate() {
        return edge.getBean(ServerTls.class).certificate();
    }

    public String sessionServiceUrl() {
        return "http://127.0.0.1:" + session.getEnvironment().getProperty("local.server.port");
    }

    public String bootstrapServers() {
        return kafka != null ? kafka.bootstrapServers()
                : session.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
    }

    /**
     * Stops in reverse order of start: the connector (drains and unbinds), the simulator, the edges (clients get
     * {@code system-shutdown}), routing, the session service, then Kafka.
     */
    @Override
    public synchronized void close() { // a second caller (the JVM's hook after a signal's stop) waits for the first
        if (closed) {
            return;
        }
        closed = true;
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Gateway.class).warn("a service did not stop cleanly", e);
            }
        }
        contexts.clear();
        if (kafka != null) {
            kafka.close();
        }
    }
}
