package io.xsg.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialbackKeysTest {

    private final DialbackKeys keys = new DialbackKeys("s3cr3tf0rd14lb4ck-shared");

    @Test
    void theKeyIsXep0185sHmacOverBothDomainsAndTheStreamId() {
        // computed independently: python3 hmac.new(sha256(secret).hexdigest(), 'b.test a.test D60000229F', sha256)
        assertThat(keys.key("b.test", "a.test", "D60000229F"))
                .isEqualTo("d8fc8db73d407b686a759a8e8b03dc922e7d3573b4edda3721a533f92bef991e");
        assertThat(keys.verify("b.test", "a.test", "D60000229F", keys.key("b.test", "a.test", "D60000229F")))
                .isTrue();
    }

    @Test
    void anyOtherDomainStreamOrSecretGivesAnotherKey() {
        String key = keys.key("b.test", "a.test", "s1");
        assertThat(keys.verify("b.test", "a.test", "s2", key)).isFalse();
        assertThat(keys.verify("a.test", "b.test", "s1", key)).isFalse();
        assertThat(keys.verify("c.test", "a.test", "s1", key)).isFalse();
        assertThat(new DialbackKeys("another secret of sixteen").verify("b.test", "a.test", "s1", key)).isFalse();
        assertThat(keys.verify("b.test", "a.test", "s1", null)).isFalse();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new DialbackKeys("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
