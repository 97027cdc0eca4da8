package io.xsg.sms.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private final PhoneNumbers gb = new PhoneNumbers("GB");
    private final PhoneNumbers us = new PhoneNumbers("us");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'+1 234 555 666',        +1234555666",
        "+1234555666,             +1234555666",
        "'0044 20 7946 0018',     +442079460018",
        "'020 7946 0018',         +442079460018",
        "'(020) 7946-0018',       +442079460018",
        "'+49 (0)151 1234-5678',  +4915112345678",
        "'  +33.6.12.34.56.78  ', +33612345678",
        "'+800 1234 5678',        +80012345678",
    })
    void readsFormats(String raw, String e164) {
        assertThat(gb.parse(raw)).isEqualTo(new Msisdn(e164));
    }

    @Test
    void doubleZeroIsInternationalWhateverTheRegion() {
        assertThat(us.parse("0044 20 7946 0018")).hasToString("+442079460018");
        assertThat(us.parse("(650) 253-0000")).hasToString("+16502530000");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "abc,                      is not a phone number",
        "'+999 123 456',           has no known country calling code",
        "12,                       is too short",
        "'+49 12',                 is too short",
        "'+44 2079 4600 1812 345', is too long",
        "'  ',                     blank",
    })
    void saysWhyANumberIsRejected(String raw, String reason) {
        assertThatThrownBy(() -> gb.parse(raw)).isInstanceOf(InvalidMsisdnException.class)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
        assertThat(gb.isValid(raw)).isFalse();
    }

    @Test
    void lenientAcceptsTheProductsFictionalNumbersStrictDoesNot() {
        assertThat(gb.isValid("+1234555666")).isTrue();
        assertThatThrownBy(() -> gb.parseStrict("+1234555666")).isInstanceOf(InvalidMsisdnException.class)
                .hasMessageContaining("not a valid number for region US");
        assertThat(gb.parseStrict("+44 20 7946 0018")).hasToString("+442079460018");
    }

    @Test
    void fromSmppInternational() {
        assertThat(gb.fromSmpp((byte) 1, (byte) 1, "1234555666")).hasToString("+1234555666");
        assertThat(gb.fromSmpp((byte) 1, (byte) 1, "+442079460018")).hasToString("+442079460018");
        assertThat(gb.fromSmpp((byte) 1, (byte) 0, "442079460018")).hasToString("+442079460018");
        // an international number is never read as national, even when it would parse that way
        assertThat(gb.fromSmpp((byte) 1, (byte) 1, "2079460018").e164()).isNotEqualTo("+442079460018");
        assertThatThrownBy(() -> gb.fromSmpp((byte) 1, (byte) 1, "44 20")).isInstanceOf(InvalidMsisdnException.class);
    }

    @Test
    void fromSmppNationalAndUnknown() {
        assertThat(gb.fromSmpp((byte) 2, (byte) 1, "02079460018")).hasToString("+442079460018");
        assertThat(gb.fromSmpp((byte) 0, (byte) 0, "02079460018")).hasToString("+442079460018");
        assertThat(gb.fromSmpp((byte) 0, (byte) 1, "+4915112345678")).hasToString("+4915112345678");
    }

    @Test
    void fromSmppRejectsWhatIsNoPhoneNumber() {
        assertThatThrownBy(() -> gb.fromSmpp((byte) 5, (byte) 0, "MyBrand")).hasMessageContaining("TON 5");
        assertThatThrownBy(() -> gb.fromSmpp((byte) 3, (byte) 0, "123")).hasMessageContaining("TON 3");
        assertThatThrownBy(() -> gb.fromSmpp((byte) 1, (byte) 9, "1234555666")).hasMessageContaining("NPI 9");
    }

    @Test
    void unknownRegionIsRejected() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalArgumentException.class);
    }
}
