package io.xsg.edge.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.xmpp.error.StreamErrorCondition;
import io.xsg.xmpp.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmppStreamDecoderTest {

    private static final String HEADER = "<stream:stream to='a.test' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    /** Restarts the stream when it sees {@code <proceed-here/>}, as the stream handler does after STARTTLS. */
    private static final class Restarting extends ChannelInboundHandlerAdapter {
        final List<StreamEvent> events = new ArrayList<>();
        XmppStreamDecoder decoder;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            events.add((StreamEvent) msg);
            if (msg instanceof StreamEvent.Element e && e.element().name().equals("restart-here")) {
                decoder.restart();
            }
        }
    }

    private static Restarting channelWith(XmlLimits limits, String... chunks) {
        var decoder = new XmppStreamDecoder(limits);
        var sink = new Restarting();
        sink.decoder = decoder;
        var channel = new EmbeddedChannel(decoder, sink);
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8));
        }
        return sink;
    }

    @Test
    void turnsBytesIntoStreamEvents() {
        var sink = channelWith(XmlLimits.defaults(), HEADER + "<message to='b@a.test'><body>hi</body></mess",
                "age> </stream:stream>");
        assertThat(sink.events).hasSize(3);
        assertThat(sink.events.get(0)).isInstanceOf(StreamEvent.Opened.class);
        assertThat(((StreamEvent.Element) sink.events.get(1)).element().firstChild("body", "jabber:client").text())
                .isEqualTo("hi");
        assertThat(sink.events.get(2)).isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void whatFollowsARestartInTheSameReadIsDiscarded() {
        var sink = channelWith(XmlLimits.defaults(),
                HEADER + "<restart-here/><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>x</auth>", HEADER);
        assertThat(sink.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Opened", "Element", "Opened");
    }

    @Test
    void aBrokenRuleBecomesOneFailedEventAndTheRestIsIgnored() {
        var sink = channelWith(XmlLimits.defaults(), HEADER + "<a><b></a>", "<message/>");
        assertThat(sink.events).hasSize(2);
        assertThat(((StreamEvent.Failed) sink.events.get(1)).condition())
                .isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
    }
}
