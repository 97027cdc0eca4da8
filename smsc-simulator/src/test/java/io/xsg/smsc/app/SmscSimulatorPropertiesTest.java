package io.xsg.smsc.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.sms.receipt.ReceiptState;
import io.xsg.smsc.ResponseIdFormat;
import io.xsg.smsc.SimulatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SmscSimulatorPropertiesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues("smsc.accounts.gateway=secret");

    @Test
    void bindsDefaultsAndTypedValues() {
        runner.withPropertyValues("smsc.receipt-delay=150ms", "smsc.message-id-format=hex",
                "smsc.receipt-rules[0].prefix=+999", "smsc.receipt-rules[0].state=UNDELIVERABLE",
                "smsc.receipt-zone=Europe/Paris").run(context -> {
                    SimulatorSettings s = context.getBean(SmscSimulatorProperties.class).toSettings();
                    assertThat(s.port()).isEqualTo(2775);
                    assertThat(s.host()).isEqualTo("127.0.0.1");
                    assertThat(s.receiptDelay()).isEqualTo(Duration.ofMillis(150));
                    assertThat(s.responseIdFormat()).isEqualTo(ResponseIdFormat.HEX);
                    assertThat(s.receiptRules()).singleElement().satisfies(r -> {
                        assertThat(r.state()).isEqualTo(ReceiptState.UNDELIVERABLE);
                        assertThat(r.errorCode()).isEqualTo("000");
                    });
                    assertThat(s.receiptZone().getId()).isEqualTo("Europe/Paris");
                });
    }

    @Test
    void badValuesFailStartup() {
        runner.withPropertyValues("smsc.window-size=0", "smsc.port=99999").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("windowSize").hasMessageContaining("port");
        });
    }

    @Test
    void aRuleWithoutPrefixFailsStartup() {
        runner.withPropertyValues("smsc.receipt-rules[0].state=REJECTED").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("prefix"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SmscSimulatorProperties.class)
    static class PropertiesOnly {
    }
}
