package io.xsg.edge.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteEndpointsTest {

    @Test
    void aStaticOverrideNamesHostPortAndDirectTls() {
        assertThat(RemoteEndpoints.parse("10.0.0.5:5299"))
                .isEqualTo(new RemoteEndpoints.Endpoint("10.0.0.5", 5299, false));
        assertThat(RemoteEndpoints.parse("xmpp.b.test"))
                .isEqualTo(new RemoteEndpoints.Endpoint("xmpp.b.test", 5269, false));
        assertThat(RemoteEndpoints.parse("tls://xmpp.b.test:5270"))
                .isEqualTo(new RemoteEndpoints.Endpoint("xmpp.b.test", 5270, true));
    }

    @Test
    void anOverrideWinsOverDnsWhateverTheCase() throws Exception {
        var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (var endpoints = new RemoteEndpoints(Map.of("B.test", "127.0.0.1:15269"), group, Duration.ofSeconds(1))) {
            assertThat(endpoints.resolve("b.test").get())
                    .containsExactly(new RemoteEndpoints.Endpoint("127.0.0.1", 15269, false));
        } finally {
            group.shutdownGracefully(0, 100, java.util.concurrent.TimeUnit.MILLISECONDS).sync();
        }
    }
}
