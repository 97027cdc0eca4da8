package io.xsg.edge.stream;

import static io.xsg.edge.EdgeTestContext.send;
import static io.xsg.edge.EdgeTestContext.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.edge.EdgeTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Negotiation on an {@link EmbeddedChannel} with the production pipeline after the socket: no network, no Kafka. */
class StreamNegotiationHandlerTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='a.test' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    @TempDir
    Path dir;
    private EdgeTestContext edge;

    private EmbeddedChannel channel(Map<String, String> settings) {
        edge = new EdgeTestContext(dir, true, settings);
        var channel = new EmbeddedChannel();
        var stream = ClientStream.attach(channel, EdgeTestContext.DOMAIN);
        var decoder = new XmppStreamDecoder(edge.context.limits());
        channel.pipeline().addLast(StreamKeepalive.NAME, new StreamKeepalive(stream));
        channel.pipeline().addLast(XmppStreamDecoder.NAME, decoder);
        channel.pipeline().addLast(InputGate.NAME, new InputGate());
        channel.pipeline().addLast(StreamNegotiationHandler.NAME,
                new StreamNegotiationHandler(edge.context, decoder, stream, false));
        return channel;
    }

    @AfterEach
    void close() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void aHeaderIsAnsweredWithOursAndTheFeaturesOfItsStage() {
        var channel = channel(Map.of("gateway.xmpp.registration.enabled", "true"));
        send(channel, HEADER);
        String out = written(channel);
        assertThat(out).startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:client'")
                .contains("from='a.test'")
                .contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'></starttls>")
                .contains("<mechanism>SCRAM-SHA-256</mechanism>")
                .as("PLAIN only under TLS").doesNotContain("PLAIN")
                .contains("<register xmlns='http://jabber.org/features/iq-register'/>");
        assertThat(channel.isActive()).isTrue();
    }

    /**
     * The header and the features leave in one flush (one TCP segment): a client that takes the first segment for
     * the whole answer (Tsung) otherwise sends STARTTLS early and reads the features as the TLS handshake.
     */
    @Test
    void theHeaderAndTheFeaturesLeaveInOneFlush() {
        var channel = channel(Map.of());
        var flushes = new java.util.concurrent.atomic.AtomicInteger();
        channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        send(channel, HEADER);
        assertThat(written(channel)).contains("<stream:stream").contains("<stream:features");
        assertThat(flushes).hasValue(1);
    }

    @Test
    void requiredTlsHidesTheMechanismsAndRefusesSaslInTheClear() {
        var channel = channel(Map.of("gateway.xmpp.c2s.require-tls", "true"));
        send(channel, HEADER);
        assertThat(written(channel)).contains("<required/>").doesNotContain("<mechanisms");
        send(channel, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGpvZQBzZWNyZXQ=</auth>");
        assertThat(written(channel)).contains("<encryption-required/>").contains("STARTTLS first");
    }

    @Test
    void aStreamToAnotherDomainEndsWithHostUnknown() {
        var channel = channel(Map.of());
        send(channel, HEADER.replace("to='a.test'", "to='b.test'"));
        assertThat(written(channel)).contains("<host-unknown").endsWith("</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aServerNamespaceOnAClientPortEndsWithInvalidNamespace() {
        var channel = channel(Map.of());
        send(channel, HEADER.replace("xmlns='jabber:client'", "xmlns='jabber:server'"));
        assertThat(written(channel)).contains("<invalid-namespace");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aStanzaBeforeAuthenticationEndsWithNotAuthorized() {
        var channel = channel(Map.of());
        send(channel, HEADER);
        written(channel);
        send(channel, "<message to='bob@a.test'><body>hi</body></message>");
        assertThat(written(channel)).contains("<not-authorized").endsWith("</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void whatFollowsAnAuthenticationWaitsForItsAnswerAndComesAfterIt() throws Exception {
        var channel = channel(Map.of());
        send(channel, HEADER);
        written(channel);
        String scram = Base64.getEncoder().encodeToString("n,,n=joe,r=abcdefgh".getBytes(StandardCharsets.UTF_8));
        // the session service is unreachable: the answer comes late, from another thread, as a temporary failure
        send(channel, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>" + scram + "</auth>"
                + "<message to='bob@a.test'><body>too early</body></message>");
        assertThat(channel.config().isAutoRead()).as("reading pauses while the answer is outstanding").isFalse();
        String out = awaitWritten(channel);
        assertThat(out).contains("<temporary-auth-failure/>");
        assertThat(out.indexOf("<temporary-auth-failure/>")).as("the held message is handled after the answer")
                .isLessThan(out.indexOf("<not-authorized"));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void tooMuchSentWhileWaitingIsAPolicyViolation() {
        var channel = channel(Map.of());
        send(channel, HEADER);
        written(channel);
        String scram = Base64.getEncoder().encodeToString("n,,n=joe,r=abcdefgh".getBytes(StandardCharsets.UTF_8));
        var flood = new StringBuilder("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                + scram + "</auth>");
        for (int i = 0; i <= InputGate.MAX_HELD; i++) {
            flood.append("<presence/>");
        }
        send(channel, flood.toString());
        assertThat(written(channel)).contains("<policy-violation");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void negotiationThatTakesTooLongEndsWithConnectionTimeout() {
        var channel = channel(Map.of("gateway.xmpp.c2s.auth-timeout", "5s"));
        send(channel, HEADER);
        written(channel);
        channel.advanceTimeBy(4, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(written(channel)).contains("<connection-timeout");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void starttlsProceedsWithTlsInFrontOfEverythingReadAfter() {
        var channel = channel(Map.of());
        send(channel, HEADER);
        written(channel);
        send(channel, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        String out = written(channel);
        assertThat(out).startsWith("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(channel.pipeline().get("tls")).as("TLS goes in before anything else is read").isNotNull();
    }

    /** Runs the channel's tasks until the server writes something (an answer from another thread). */
    private static String awaitWritten(EmbeddedChannel channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        var out = new StringBuilder();
        while (System.nanoTime() < deadline) {
            channel.runPendingTasks();
            out.append(written(channel));
            if (!out.isEmpty()) {
                return out.toString();
            }
            Thread.sleep(10);
        }
        return out.toString();
    }
}
