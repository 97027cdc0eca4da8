package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

    @Test
    void defaultsSuitTests() {
        SimulatorSettings s = SimulatorSettings.defaults();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isZero();
        assertThat(s.accounts()).containsExactly(Map.entry("gateway", "secret"));
        assertThat(s.responseIdFormat()).isEqualTo(ResponseIdFormat.DECIMAL);
        assertThat(s.receiptTlvs()).isTrue();
        assertThat(s.throttleLimit()).isZero();
        assertThat(s.receiptRules()).isEmpty();
    }

    @Test
    void theFirstExplicitAccountReplacesTheDefaultOne() {
        SimulatorSettings s = SimulatorSettings.builder().account("a", "1").account("b", "2").build();
        assertThat(s.accounts()).containsOnlyKeys("a", "b");
        assertThat(s.toBuilder().account("c", "3").build().accounts()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> SimulatorSettings.builder().port(70_000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> SimulatorSettings.builder().windowSize(0).build()).hasMessageContaining("windowSize");
        assertThatThrownBy(() -> SimulatorSettings.builder().receiptDelay(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("receiptDelay");
        assertThatThrownBy(() -> SimulatorSettings.builder().accounts(Map.of()).build()).hasMessageContaining("account");
    }

    @Test
    void idFormatsSpellTheSameNumberTwoWays() {
        assertThat(ResponseIdFormat.DECIMAL.format(1_000_000_001L)).isEqualTo("1000000001");
        assertThat(ResponseIdFormat.HEX.format(1_000_000_001L)).isEqualTo("3B9ACA01");
    }

    @Test
    void addressesParseAsAPersonTypesThem() {
        assertThat(SimAddress.parse("+447700900001")).isEqualTo(new SimAddress("447700900001", 1, 1));
        assertThat(SimAddress.parse("123")).isEqualTo(new SimAddress("123", 0, 1));
        assertThat(SimAddress.parse("X000000001")).isEqualTo(new SimAddress("X000000001", 5, 0));
        assertThat(new SimAddress("447700900001", 1, 1).msisdn()).isEqualTo("+447700900001");
        assertThat(new SimAddress("123", 0, 1).msisdn()).isEqualTo("123");
    }
}
