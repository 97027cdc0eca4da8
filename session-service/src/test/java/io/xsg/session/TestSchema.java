package io.xsg.session;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One PostgreSQL schema per test class on the loopback database, so that classes (and concurrent runs) never see
 * each other's accounts. Flyway creates the schema and migrates it; {@link #drop} removes it afterwards.
 */
public final class TestSchema {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String name;

    private TestSchema(String name) {
        this.name = name;
    }

    /** A fresh, unquoted-safe schema name: {@code t_<prefix>_<random>}. */
    public static TestSchema unique(String prefix) {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new TestSchema(("t_" + prefix + "_" + random).toLowerCase(Locale.ROOT));
    }

    public String name() {
        return name;
    }

    /**
     * Points the datasource and Flyway at this schema, reads the service's own configuration file, and keeps every
     * Kafka-dependent bean from reaching a broker.
     */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.config.name", () -> SessionServiceApplication.CONFIG_NAME);
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("spring.flyway.default-schema", () -> name);
        registry.add("gateway.session.reaper.enabled", () -> "false");
        registry.add("gateway.session.im.enabled", () -> "false");
        registry.add("gateway.xmpp.domain", () -> "a.test");
        registry.add("spring.kafka.admin.auto-create", () -> "false");
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:1");
        registry.add("spring.main.banner-mode", () -> "off");
    }

    public void drop() throws SQLException {
        try (var connection = DriverManager.getConnection(URL, USER, "");
             var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + name + " cascade");
        }
    }
}
