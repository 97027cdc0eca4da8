package io.xsg.smpp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Bad link settings stop the connector at start-up with the offending key named. */
class ConnectorPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConnectorProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    private static String[] link(String... extra) {
        var base = new java.util.ArrayList<>(java.util.List.of("gateway.smsc.links[0].id=smsc-1",
                "gateway.smsc.links[0].host=127.0.0.1", "gateway.smsc.links[0].port=2775",
                "gateway.smsc.links[0].system-id=gw"));
        base.addAll(java.util.List.of(extra));
        return base.toArray(String[]::new);
    }

    @Test
    void aMinimalLinkTakesTheDocumentedDefaults() {
        runner.withPropertyValues(link()).run(context -> {
            assertThat(context).hasNotFailed();
            var l = context.getBean(ConnectorProperties.class).links().get(0);
            assertThat(l.window()).isEqualTo(10);
            assertThat(l.tps()).isEqualTo(100);
            assertThat(l.bindMode()).isEqualTo(ConnectorProperties.BindMode.TRANSCEIVER);
            assertThat(l.enquireLinkInterval()).hasSeconds(30);
            assertThat(l.toString()).doesNotContain("password");
        });
    }

    @Test
    void noLinkAtAllIsRefused() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("gateway.smsc.links"));
    }

    @Test
    void outOfRangeValuesAreRefusedByName() {
        runner.withPropertyValues(link("gateway.smsc.links[0].window=0")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("window"));
        runner.withPropertyValues(link("gateway.smsc.links[0].port=70000")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("port"));
        runner.withPropertyValues(link("gateway.smsc.links[0].id=bad id")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("id"));
        runner.withPropertyValues(link("gateway.smsc.links[0].reconnect-min=10s",
                "gateway.smsc.links[0].reconnect-max=1s")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("reconnect"));
        runner.withPropertyValues(link("gateway.smsc.links[0].concatenation=UDH9")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("concatenation"));
    }

    @Test
    void twoLinksWithOneIdAreRefused() {
        runner.withPropertyValues(link("gateway.smsc.links[1].id=smsc-1", "gateway.smsc.links[1].host=h",
                "gateway.smsc.links[1].port=1", "gateway.smsc.links[1].system-id=x")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("unique"));
    }
}
