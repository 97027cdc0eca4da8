package io.xsg.xmpp.sasl;

import static io.xsg.xmpp.sasl.ScramServerTest.assertCondition;
import static io.xsg.xmpp.sasl.TestScramClient.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.xmpp.sasl.PlainServer.PlainCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainServerTest {

    @Test
    void parsesWithoutAuthzid() throws Exception {
        assertThat(PlainServer.parse(bytes("\u0000tim\u0000tanstaaftanstaaf")))
                .isEqualTo(new PlainCredentials("", "tim", "tanstaaftanstaaf"));
    }

    @Test
    void parsesWithAuthzid() throws Exception {
        PlainCredentials c = PlainServer.parse(bytes("Ursel\u0000Kurt\u0000xipj3plmq"));
        assertThat(c.authzid()).isEqualTo("Ursel");
        assertThat(c.username()).isEqualTo("Kurt");
        assertThat(c.password()).isEqualTo("xipj3plmq");
    }

    @Test
    void keepsUtf8AndSpaces() throws Exception {
        PlainCredentials c = PlainServer.parse(bytes("\u0000j\u00fcrgen\u0000 p\u00e4ss w\u00f6rd "));
        assertThat(c.username()).isEqualTo("j\u00fcrgen");
        assertThat(c.password()).isEqualTo(" p\u00e4ss w\u00f6rd ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user", "\u0000user", "user\u0000pw", "\u0000\u0000pw", "\u0000user\u0000",
        "\u0000\u0000", "a\u0000b\u0000c\u0000d", "\u0000user\u0000pw\u0000"})
    void malformed(String message) {
        assertCondition(() -> PlainServer.parse(bytes(message)), SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void nullMessageIsMalformed() {
        assertCondition(() -> PlainServer.parse(null), SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void fieldLengthLimitIs255Bytes() throws Exception {
        String max = "x".repeat(255);
        assertThat(PlainServer.parse(bytes(max + "\u0000" + max + "\u0000" + max)).password()).hasSize(255);
        String over = "x".repeat(256);
        assertCondition(() -> PlainServer.parse(bytes(over + "\u0000u\u0000p")), SaslCondition.MALFORMED_REQUEST);
        assertCondition(() -> PlainServer.parse(bytes("\u0000" + over + "\u0000p")), SaslCondition.MALFORMED_REQUEST);
        assertCondition(() -> PlainServer.parse(bytes("\u0000u\u0000" + over)), SaslCondition.MALFORMED_REQUEST);
        // Bytes, not characters: 128 two-byte characters are 256 bytes.
        String wide = "\u00e9".repeat(128);
        assertCondition(() -> PlainServer.parse(bytes("\u0000u\u0000" + wide)), SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void invalidUtf8IsIncorrectEncoding() {
        assertCondition(() -> PlainServer.parse(new byte[] {0, 'u', 0, (byte) 0xFF}), SaslCondition.INCORRECT_ENCODING);
        assertCondition(() -> PlainServer.parse(new byte[] {(byte) 0xC3, 0, 'u', 0, 'p'}),
                SaslCondition.INCORRECT_ENCODING);
        // Overlong encoding of "/".
        assertCondition(() -> PlainServer.parse(new byte[] {0, (byte) 0xC0, (byte) 0xAF, 0, 'p'}),
                SaslCondition.INCORRECT_ENCODING);
    }

    @Test
    void toStringHidesPassword() throws Exception {
        PlainCredentials c = PlainServer.parse(bytes("\u0000tim\u0000tanstaaftanstaaf"));
        assertThat(c.toString()).contains("tim", "<redacted>").doesNotContain("tanstaaf");
    }

    @Test
    void worksWithScramCredentialVerification() throws Exception {
        ScramCredential cred = ScramCredential.generate(ScramMechanism.SCRAM_SHA_256, "pencil",
                new java.security.SecureRandom(), 4096);
        assertThat(cred.verifyPassword(PlainServer.parse(bytes("\u0000user\u0000pencil")).password())).isTrue();
        assertThat(cred.verifyPassword(PlainServer.parse(bytes("\u0000user\u0000pencils")).password())).isFalse();
    }
}
