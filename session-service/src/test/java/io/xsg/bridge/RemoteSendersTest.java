package io.xsg.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteSendersTest {

    private static SmsBridgeProperties allowing(String... senders) {
        return new SmsBridgeProperties("smsc-1", List.of(), "123", Duration.ofSeconds(60), 1, Duration.ofSeconds(30),
                Duration.ofMinutes(5), 30, null, null, List.of(senders));
    }

    @Test
    void aRemoteContentProviderIsAllowedByItsJidOrItsWholeDomain() {
        var properties = allowing("news@icp.example", "B.TEST");

        assertThat(properties.remoteSenderAllowed("news@icp.example")).isTrue();
        assertThat(properties.remoteSenderAllowed("other@icp.example")).isFalse();
        assertThat(properties.remoteSenderAllowed("anyone@b.test")).isTrue();
        assertThat(properties.remoteSenderAllowed("anyone@sub.b.test")).isFalse();
        assertThat(allowing().remoteSenderAllowed("news@icp.example")).as("none by default").isFalse();
    }
}
