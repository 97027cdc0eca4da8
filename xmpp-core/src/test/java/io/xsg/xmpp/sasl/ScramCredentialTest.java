package io.xsg.xmpp.sasl;

import static io.xsg.xmpp.sasl.TestScramClient.b64;
import static io.xsg.xmpp.sasl.TestScramClient.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScramCredentialTest {
    private static final SecureRandom RND = new SecureRandom();

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void deriveMatchesIndependentComputation(ScramMechanism m) throws Exception {
        byte[] salt = Base64.getDecoder().decode("QSXCR+Q6sek8bf92");
        ScramCredential cred = ScramCredential.derive(m, "pencil", salt, 4096);

        byte[] salted = TestScramClient.hi(m.hmacAlgorithm(), "pencil", salt, 4096);
        byte[] clientKey = TestScramClient.hmac(m.hmacAlgorithm(), salted, bytes("Client Key"));
        assertThat(cred.storedKey()).isEqualTo(MessageDigest.getInstance(m.hashAlgorithm()).digest(clientKey));
        assertThat(cred.serverKey()).isEqualTo(TestScramClient.hmac(m.hmacAlgorithm(), salted, bytes("Server Key")));
        assertThat(cred.salt()).isEqualTo(salt);
        assertThat(cred.iterations()).isEqualTo(4096);
        assertThat(cred.mechanism()).isEqualTo(m);
        assertThat(cred.storedKey()).hasSize(m.keyLength());
    }

    @Test
    void passwordIsSaslPrepped() {
        byte[] salt = bytes("saltsaltsaltsalt");
        // RFC 4013: U+00A0 NO-BREAK SPACE maps to U+0020, U+00AD SOFT HYPHEN maps to nothing.
        ScramCredential plain = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "I X", salt, 4096);
        ScramCredential prepped = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "I\u00ADX".replace("X", "\u00A0X"),
                salt, 4096);
        assertThat(prepped).isEqualTo(plain);
        assertThat(plain.verifyPassword("I\u00A0X")).isTrue();
    }

    @Test
    void prohibitedPasswordIsRefused() {
        assertThatThrownBy(() -> ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "a\u0007b", bytes("salt"), 4096))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "", bytes("salt"), 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void generateUsesFreshSixteenByteSalt(ScramMechanism m) {
        ScramCredential a = ScramCredential.generate(m, "pw", RND, ScramCredential.DEFAULT_ITERATIONS);
        ScramCredential b = ScramCredential.generate(m, "pw", RND, ScramCredential.DEFAULT_ITERATIONS);
        assertThat(a.salt()).hasSize(16);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.storedKey()).isNotEqualTo(b.storedKey());
        assertThat(a.iterations()).isEqualTo(4096);
        assertThat(ScramCredential.DEFAULT_ITERATIONS).isEqualTo(4096);
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void verifyPassword(ScramMechanism m) {
        ScramCredential cred = ScramCredential.generate(m, "correct horse", RND, 4096);
        assertThat(cred.verifyPassword("correct horse")).isTrue();
        assertThat(cred.verifyPassword("correct horsE")).isFalse();
        assertThat(cred.verifyPassword("")).isFalse();
        assertThat(cred.verifyPassword(null)).isFalse();
        assertThat(cred.verifyPassword("bell\u0007")).isFalse();
    }

    @Test
    void validation() {
        byte[] k20 = new byte[20];
        byte[] k32 = new byte[32];
        byte[] salt = {1};
        ScramMechanism sha1 = ScramMechanism.SCRAM_SHA_1;
        assertThat(new ScramCredential(sha1, salt, 1, k20, k20).iterations()).isEqualTo(1);
        assertThatThrownBy(() -> new ScramCredential(null, salt, 1, k20, k20)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScramCredential(sha1, null, 1, k20, k20)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScramCredential(sha1, salt, 1, null, k20)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScramCredential(sha1, salt, 1, k20, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScramCredential(sha1, new byte[0], 1, k20, k20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(sha1, salt, 0, k20, k20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(sha1, salt, 1, k32, k20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(ScramMechanism.SCRAM_SHA_256, salt, 1, k20, k20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramCredential.derive(sha1, "pw", salt, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsComparesContents() {
        byte[] salt = bytes("0123456789abcdef");
        ScramCredential a = ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pw", salt, 4096);
        ScramCredential b = ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pw", salt.clone(), 4096);
        ScramCredential c = ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pw2", salt, 4096);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "pw", salt, 4096));
        // hashCode depends on public fields only.
        assertThat(a.hashCode()).isEqualTo(c.hashCode());
    }

    @Test
    void toStringDoesNotLeakKeys() {
        ScramCredential cred = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String s = cred.toString();
        assertThat(s).contains("SCRAM-SHA-256", "4096", "W22ZaJ0SNY7soEsUEjb6gQ==", "<redacted>")
                .doesNotContain(b64(cred.storedKey()), b64(cred.serverKey()))
                .doesNotContain(java.util.HexFormat.of().formatHex(cred.storedKey()))
                .doesNotContain(java.util.Arrays.toString(cred.storedKey()))
                .doesNotContain("pencil");
    }
}
