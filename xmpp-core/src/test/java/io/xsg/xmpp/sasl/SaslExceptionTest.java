package io.xsg.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaslExceptionTest {

    @Test
    void carriesCondition() {
        IllegalStateException cause = new IllegalStateException("x");
        SaslException e = new SaslException(SaslCondition.NOT_AUTHORIZED, "bad proof", cause);
        assertThat(e.condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED);
        assertThat(e).hasMessage("bad proof").hasCause(cause);
        assertThat(new SaslException(SaslCondition.ABORTED, "m").condition()).isEqualTo(SaslCondition.ABORTED);
        assertThatThrownBy(() -> new SaslException(null, "m")).isInstanceOf(NullPointerException.class);
    }
}
