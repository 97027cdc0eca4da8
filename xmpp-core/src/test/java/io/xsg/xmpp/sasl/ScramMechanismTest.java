package io.xsg.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScramMechanismTest {

    @Test
    void namesAndAlgorithms() {
        assertThat(ScramMechanism.SCRAM_SHA_1.mechanismName()).isEqualTo("SCRAM-SHA-1");
        assertThat(ScramMechanism.SCRAM_SHA_1.hmacAlgorithm()).isEqualTo("HmacSHA1");
        assertThat(ScramMechanism.SCRAM_SHA_1.hashAlgorithm()).isEqualTo("SHA-1");
        assertThat(ScramMechanism.SCRAM_SHA_1.keyLength()).isEqualTo(20);
        assertThat(ScramMechanism.SCRAM_SHA_256.mechanismName()).isEqualTo("SCRAM-SHA-256");
        assertThat(ScramMechanism.SCRAM_SHA_256.hmacAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(ScramMechanism.SCRAM_SHA_256.hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(ScramMechanism.SCRAM_SHA_256.keyLength()).isEqualTo(32);
    }

    @Test
    void byName() {
        assertThat(ScramMechanism.byName("SCRAM-SHA-1")).contains(ScramMechanism.SCRAM_SHA_1);
        assertThat(ScramMechanism.byName("SCRAM-SHA-256")).contains(ScramMechanism.SCRAM_SHA_256);
        assertThat(ScramMechanism.byName("scram-sha-256")).isEmpty();
        assertThat(ScramMechanism.byName("SCRAM-SHA-256-PLUS")).isEmpty();
        assertThat(ScramMechanism.byName("PLAIN")).isEmpty();
        assertThat(ScramMechanism.byName(null)).isEmpty();
    }
}
