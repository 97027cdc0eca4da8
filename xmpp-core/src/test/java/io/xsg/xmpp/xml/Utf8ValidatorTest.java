package io.xsg.xmpp.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8ValidatorTest {

    @Test
    void acceptsValidTextSplitAnywhere() {
        byte[] text = "aé€😀\uFFFD\uD7FF\uE000\uDBFF\uDFFF".getBytes(UTF_8);
        Utf8Validator whole = new Utf8Validator();
        Utf8Validator bytewise = new Utf8Validator();

        assertThat(whole.firstInvalid(text, 0, text.length)).isEqualTo(-1);
        for (int i = 0; i < text.length; i++) {
            assertThat(bytewise.firstInvalid(text, i, 1)).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "41C328, 2",       // lead byte then ASCII
            "41FF, 1",         // never valid
            "80, 0",           // stray continuation
            "C0AF, 0",         // overlong '/'
            "C1BF, 0",         // overlong
            "E08080, 1",       // overlong 3-byte
            "EDA080, 1",       // surrogate U+D800
            "F08080, 1",       // overlong 4-byte
            "F4908080, 1",     // above U+10FFFF
            "F5808080, 0",     // above U+10FFFF
    })
    void findsTheFirstInvalidByte(String hex, int index) {
        byte[] b = HexFormat.of().parseHex(hex);

        assertThat(new Utf8Validator().firstInvalid(b, 0, b.length)).isEqualTo(index);
    }
}
