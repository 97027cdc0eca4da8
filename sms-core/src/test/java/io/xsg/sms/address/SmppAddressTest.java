package io.xsg.sms.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmppAddressTest {

    @Test
    void international() {
        assertThat(SmppAddress.international(new Msisdn("+1234555666")))
                .isEqualTo(new SmppAddress((byte) 1, (byte) 1, "1234555666"));
    }

    @Test
    void shortCode() {
        assertThat(SmppAddress.shortCode("123")).isEqualTo(new SmppAddress((byte) 3, (byte) 0, "123"));
        assertThatThrownBy(() -> SmppAddress.shortCode("12a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppAddress.shortCode("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alphanumeric() {
        assertThat(SmppAddress.alphanumeric("Café Öl 123")).isEqualTo(new SmppAddress((byte) 5, (byte) 0, "Café Öl 123"));
        assertThat(SmppAddress.alphanumeric("ABCDEFGHI€").address()).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABCDEFGHIJKL", "ABCDEFGHIJ€", "Привет", "ça"})
    void alphanumericMustBeAtMost11GsmSeptets(String bad) {
        assertThatThrownBy(() -> SmppAddress.alphanumeric(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-11 GSM 7-bit");
    }

    @Test
    void addressFitsTheField() {
        assertThatThrownBy(() -> new SmppAddress((byte) 0, (byte) 0, "1".repeat(21)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
