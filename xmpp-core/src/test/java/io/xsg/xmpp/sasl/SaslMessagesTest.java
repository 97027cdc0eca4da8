package io.xsg.xmpp.sasl;

import static io.xsg.xmpp.sasl.ScramServerTest.assertCondition;
import static io.xsg.xmpp.sasl.TestScramClient.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaslMessagesTest {

    @Test
    void loneEqualsIsEmpty() throws Exception {
        assertThat(SaslMessages.decodeXmppBase64("=")).isEmpty();
        assertThat(SaslMessages.decodeXmppBase64("")).isEmpty();
        assertThat(SaslMessages.decodeXmppBase64(null)).isEmpty();
        assertThat(SaslMessages.encodeXmppBase64(new byte[0])).isEqualTo("=");
        assertThat(SaslMessages.encodeXmppBase64(null)).isEqualTo("=");
    }

    @Test
    void roundTrip() throws Exception {
        byte[] data = bytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        String text = SaslMessages.encodeXmppBase64(data);
        assertThat(text).isEqualTo("biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM");
        assertThat(SaslMessages.decodeXmppBase64(text)).isEqualTo(data);
        assertThat(SaslMessages.decodeXmppBase64("AGZvbwBiYXI=")).isEqualTo(bytes("\u0000foo\u0000bar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a===", "ab!d", "ab cd", "YWJj\n", "====", "YQ=", "Y"})
    void badBase64IsIncorrectEncoding(String text) {
        assertCondition(() -> SaslMessages.decodeXmppBase64(text), SaslCondition.INCORRECT_ENCODING);
    }
}
