package io.xsg.session.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code gateway.session.*} binding: defaults, and bad values failing startup with a bind-validation cause. */
class SessionPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SessionProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SessionProperties properties = context.getBean(SessionProperties.class);
            assertThat(properties.scramIterations()).isEqualTo(4096);
            assertThat(properties.apiToken()).isNull();
            assertThat(properties.deadEdgeAfter()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void bindsConfiguredValues() {
        runner.withPropertyValues("gateway.session.scram-iterations=10000", "gateway.session.api-token=t0k",
                "gateway.session.dead-edge-after=1m").run(context -> {
                    SessionProperties properties = context.getBean(SessionProperties.class);
                    assertThat(properties.scramIterations()).isEqualTo(10000);
                    assertThat(properties.apiToken()).isEqualTo("t0k");
                    assertThat(properties.deadEdgeAfter()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void tooFewScramIterationsFailStartup() {
        runner.withPropertyValues("gateway.session.scram-iterations=100").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("scramIterations");
        });
    }

    @Test
    void tooManyScramIterationsFailStartup() {
        runner.withPropertyValues("gateway.session.scram-iterations=1000001").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class);
        });
    }

    @Test
    void theMinimumIsAccepted() {
        runner.withPropertyValues("gateway.session.scram-iterations=4096")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
