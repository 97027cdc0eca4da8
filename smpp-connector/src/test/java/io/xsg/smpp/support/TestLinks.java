package io.xsg.smpp.support;

import io.xsg.sms.receipt.MessageIdFormat;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.text.EncodingPolicy;
import io.xsg.smpp.config.ConnectorProperties.BindMode;
import io.xsg.smpp.config.ConnectorProperties.Link;
import io.xsg.smpp.config.ConnectorProperties.ValidityFormat;
import java.time.Duration;

/** Link settings for tests: short timeouts so that failures show in seconds. */
public final class TestLinks {

    private TestLinks() {
    }

    public static Link link(String id, int port) {
        return link(id, port, 10, ConcatenationMode.UDH8);
    }

    public static Link link(String id, int port, int window, ConcatenationMode concatenation) {
        return new Link(id, "127.0.0.1", port, "gateway", "secret", "", BindMode.TRANSCEIVER, window, 10_000,
                Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofMillis(400),
                EncodingPolicy.AUTO, concatenation, ValidityFormat.RELATIVE, MessageIdFormat.AS_IS,
                MessageIdFormat.AS_IS, "ZZ", 3, 0, Duration.ofSeconds(5), 10_000);
    }
}
