package io.xsg.sms.receipt;

import static io.xsg.sms.receipt.MessageIdFormat.AS_IS;
import static io.xsg.sms.receipt.MessageIdFormat.DECIMAL;
import static io.xsg.sms.receipt.MessageIdFormat.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdsTest {

    @Test
    void hexSubmitIdMatchesDecimalReceiptId() {
        String submit = MessageIds.normalise("1A2B", HEX);
        assertThat(submit).isEqualTo("6699");
        assertThat(MessageIds.normalise("0000006699", DECIMAL)).isEqualTo(submit);
        assertThat(MessageIds.normalise("00001a2b", HEX)).isEqualTo(submit);
        assertThat(MessageIds.normalise("0x1A2B", HEX)).isEqualTo(submit);
    }

    @Test
    void idsBeyondALong() {
        assertThat(MessageIds.normalise("FFFFFFFFFFFFFFFFFFFF", HEX)).isEqualTo("1208925819614629174706175");
        assertThat(MessageIds.normalise("64567564356765435676", DECIMAL)).isEqualTo("64567564356765435676");
    }

    @ParameterizedTest
    @CsvSource({
        "0, HEX, 0", "0000, DECIMAL, 0", "' 42 ', DECIMAL, 42", "000, AS_IS, 0", "' 00AbC-9 ', AS_IS, abc-9",
        "c0ffee, AS_IS, c0ffee", "00C0FFEE, AS_IS, c0ffee",
    })
    void canonicalForms(String raw, MessageIdFormat format, String expected) {
        assertThat(MessageIds.normalise(raw, format)).isEqualTo(expected);
    }

    @Test
    void rejectsBlankAndForeignDigits() {
        assertThatThrownBy(() -> MessageIds.normalise(null, AS_IS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.normalise("  ", HEX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.normalise("12G4", HEX))
                .hasMessage("message id '12G4' is not a hexadecimal number");
        assertThatThrownBy(() -> MessageIds.normalise("1A", DECIMAL))
                .hasMessage("message id '1A' is not a decimal number");
        assertThatThrownBy(() -> MessageIds.normalise("-12", DECIMAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.normalise("١٢", DECIMAL)).isInstanceOf(IllegalArgumentException.class);
    }
}
