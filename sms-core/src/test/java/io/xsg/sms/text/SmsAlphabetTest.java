package io.xsg.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsAlphabetTest {

    @Test
    void dataCodingSent() {
        assertThat(SmsAlphabet.GSM7.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(SmsAlphabet.IA5.dataCoding()).isEqualTo((byte) 0x01);
        assertThat(SmsAlphabet.LATIN1.dataCoding()).isEqualTo((byte) 0x03);
        assertThat(SmsAlphabet.BINARY.dataCoding()).isEqualTo((byte) 0x04);
        assertThat(SmsAlphabet.UCS2.dataCoding()).isEqualTo((byte) 0x08);
    }

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({
        // SMPP 3.4 §5.2.19
        "00, GSM7", "01, IA5", "02, BINARY", "03, LATIN1", "04, BINARY", "08, UCS2",
        // 23.038 general data coding, with and without message class
        "10, GSM7", "11, GSM7", "13, GSM7", "14, BINARY", "15, BINARY", "18, UCS2", "1B, UCS2",
        // message waiting groups
        "C0, GSM7", "D8, GSM7", "E0, UCS2",
        // data coding / message class group
        "F0, GSM7", "F1, GSM7", "F3, GSM7", "F4, BINARY", "F5, BINARY", "F7, BINARY",
    })
    void fromDataCoding(String hex, SmsAlphabet expected) {
        assertThat(SmsAlphabet.fromDataCoding(Integer.parseInt(hex, 16))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x05, 0x06, 0x07, 0x09, 0x0A, 0x0D, 0x0E, 0x0F, 0x1C, 0x20, 0x38, 0x40, 0x80, 0xBF, -129, 256})
    void rejectsWhatItCannotDecode(int dcs) {
        assertThatThrownBy(() -> SmsAlphabet.fromDataCoding(dcs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data_coding");
    }

    @Test
    void acceptsASignExtendedByte() {
        assertThat(SmsAlphabet.fromDataCoding((byte) 0xF0)).isEqualTo(SmsAlphabet.GSM7);
        assertThat(SmsAlphabet.fromDataCoding((byte) 0xF5)).isEqualTo(SmsAlphabet.BINARY);
        assertThat(SmsAlphabet.fromDataCoding((byte) 0xE0)).isEqualTo(SmsAlphabet.UCS2);
    }

    @Test
    void explainsTheRejection() {
        assertThatThrownBy(() -> SmsAlphabet.fromDataCoding(0x06)).hasMessage("data_coding 0x06: character set not supported");
        assertThatThrownBy(() -> SmsAlphabet.fromDataCoding(0x20)).hasMessageContaining("compressed");
        assertThatThrownBy(() -> SmsAlphabet.fromDataCoding(0x1C)).hasMessageContaining("reserved alphabet");
    }
}
