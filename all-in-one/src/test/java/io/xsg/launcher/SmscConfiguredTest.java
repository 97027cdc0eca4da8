package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The all-in-one runs the SMSC simulator only when no real SMSC is named anywhere the connector looks. */
class SmscConfiguredTest {

    private static StandardEnvironment environment(Map<String, Object> variables, String... args) {
        var env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return env;
    }

    @Test
    void nothingConfiguredMeansTheSimulator() {
        assertThat(Gateway.smscConfigured(environment(Map.of()))).isFalse();
    }

    @Test
    void aLinkOnTheCommandLineOrInTheEnvironmentMeansARealSmsc() {
        assertThat(Gateway.smscConfigured(environment(Map.of(), "--gateway.smsc.links[0].host=smsc.example")))
                .isTrue();
        assertThat(Gateway.smscConfigured(environment(Map.of("GATEWAY_SMSC_LINKS_0_HOST", "smsc.example"))))
                .isTrue();
        assertThat(Gateway.smscConfigured(environment(Map.of("SMSC_HOST", "smsc.example")))).isTrue();
    }
}
