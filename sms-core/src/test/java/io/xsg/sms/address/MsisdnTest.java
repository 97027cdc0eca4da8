package io.xsg.sms.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsisdnTest {

    @Test
    void keepsThePlus() {
        Msisdn m = new Msisdn("+1234555666");
        assertThat(m.digits()).isEqualTo("1234555666");
        assertThat(m).hasToString("+1234555666");
        assertThat(new Msisdn("+123456789012345").digits()).hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "1234555666", "+0123", "+1234567890123456", "+12 34", "+12a", "++12"})
    void rejectsWhatIsNotE164(String bad) {
        assertThatThrownBy(() -> new Msisdn(bad)).isInstanceOf(InvalidMsisdnException.class);
    }
}
