package io.xsg.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SaslConditionTest {

    @Test
    void elementNamesAreThoseOfRfc6120() {
        assertThat(Arrays.stream(SaslCondition.values()).map(SaslCondition::elementName)).containsExactly(
                "aborted", "account-disabled", "credentials-expired", "encryption-required", "incorrect-encoding",
                "invalid-authzid", "invalid-mechanism", "malformed-request", "mechanism-too-weak", "not-authorized",
                "temporary-auth-failure");
    }
}
