package io.xsg.deployment;

import static io.xsg.deployment.Manifests.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local trial: {@code docker-compose.yml} as {@code docker-compose config} resolves it (no engine needed for
 * that; none runs here), and each service's Dockerfile, which must copy a jar this build really made and run as a
 * user other than root.
 */
class ContainersIT {

    private static final List<String> SERVICES = List.of("xmpp-edge", "routing-service", "session-service",
            "smpp-connector", "smsc-simulator");

    private record Result(int exit, String output) {
    }

    private static Result compose(Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder("docker-compose", "-f", Manifests.ROOT.resolve("docker-compose.yml")
                .toString(), "config").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.equals("POSTGRES_PASSWORD") || k.equals("GATEWAY_API_TOKEN")
                || k.equals("SMSC_1_PASSWORD"));
        builder.environment().putAll(env);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is not installed (Debian package docker-compose; .ci/run "
                    + "installs it)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void theComposeFileResolvesWithEveryServiceAndItsSecretsFromTheEnvironment() throws Exception {
        Result r = compose(Map.of("POSTGRES_PASSWORD", "pg-secret-1", "GATEWAY_API_TOKEN", "api-secret-2",
                "SMSC_1_PASSWORD", "smsc-secret-3"));
        assertThat(r.exit()).as(r.output()).isZero();
        Map<String, Object> services = get(new org.yaml.snakeyaml.Yaml().load(r.output()), "services");
        assertThat(services).containsOnlyKeys("kafka", "postgres", "session-service", "routing-service",
                "xmpp-edge", "smsc-simulator", "smpp-connector-smsc-1");
        assertThat((String) get(services, "kafka", "image")).startsWith("apache/kafka:");
        assertThat((String) get(services, "kafka", "environment", "KAFKA_PROCESS_ROLES"))
                .isEqualTo("broker,controller");
        assertThat((String) get(services, "postgres", "image")).startsWith("postgres:");
        for (String service : SERVICES) {
            String key = service.equals("smpp-connector") ? "smpp-connector-smsc-1" : service;
            String context = get(services, key, "build", "context");
            assertThat(Path.of(context)).as(key).isEqualTo(Manifests.ROOT.resolve(service));
        }
        assertThat((String) get(services, "session-service", "environment", "DATABASE_PASSWORD"))
                .isEqualTo("pg-secret-1");
        assertThat((String) get(services, "smpp-connector-smsc-1", "environment", "SMSC_PASSWORD"))
                .isEqualTo("smsc-secret-3");
        assertThat((String) get(services, "smpp-connector-smsc-1", "environment", "SMSC_HOST"))
                .isEqualTo("smsc-simulator");
        String file = Files.readString(Manifests.ROOT.resolve("docker-compose.yml"));
        assertThat(file).as("no secret is written into the file").doesNotContain("secret-");
    }

    @Test
    void withoutTheSecretsTheComposeFileRefusesToResolve() throws Exception {
        Result r = compose(Map.of());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("set POSTGRES_PASSWORD");
    }

    @Test
    void everyDockerfileCopiesAJarTheBuildMadeAndRunsUnprivileged() throws Exception {
        String version = System.getProperty("project.version");
        Pattern copy = Pattern.compile("COPY\\s+(?:--chown=\\S+\\s+)?target/(\\S+)\\s+/app/app\\.jar");
        for (String service : SERVICES) {
            Path dockerfile = Manifests.ROOT.resolve(service).resolve("Dockerfile");
            assertThat(dockerfile).as(service).exists();
            String text = Files.readString(dockerfile);
            assertThat(text).as(service).containsPattern("(?m)^FROM eclipse-temurin:17-jre");
            assertThat(text).as(service + " default VERSION").contains("ARG VERSION=" + version);
            Matcher m = copy.matcher(text);
            assertThat(m.find()).as(service + " copies one jar").isTrue();
            String jar = m.group(1).replace("${VERSION}", version);
            assertThat(Manifests.ROOT.resolve(service).resolve("target").resolve(jar)).as(service).exists();
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(text);
            assertThat(user.find()).as(service + " sets a USER").isTrue();
            assertThat(user.group(1)).as(service).doesNotStartWith("root").doesNotStartWith("0:")
                    .isNotEqualTo("0");
        }
    }
}
