package io.xsg.edge.stream;

import static io.xsg.edge.EdgeTestContext.send;
import static io.xsg.edge.EdgeTestContext.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.edge.EdgeTestContext;
import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.edge.session.LocalSession;
import io.xsg.edge.sm.StreamManagementHandler;
import io.xsg.events.v1.SessionEntry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bound stream on an {@link EmbeddedChannel}: the handlers negotiation hands over to, over Kafka's
 * {@code MockProducer}, so that what reaches Kafka, in which order, and what the client hears back can be checked.
 */
class BoundStreamHandlerTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='a.test' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    private static final String JOE = "joe@a.test/phone";

    @TempDir
    Path dir;
    private EdgeTestContext edge;
    private LocalSession session;

    /** A stream already bound to {@code joe@a.test/phone}: the pipeline as negotiation leaves it. */
    private EmbeddedChannel bound(boolean kafkaAcknowledgesAtOnce) {
        edge = new EdgeTestContext(dir, kafkaAcknowledgesAtOnce, Map.of());
        var channel = new EmbeddedChannel();
        var stream = ClientStream.attach(channel, EdgeTestContext.DOMAIN);
        var decoder = new XmppStreamDecoder(edge.context.limits());
        session = new LocalSession(channel, new SessionEntry("s1", JOE, "edge-1", "i1", false, 0, 0));
        edge.sessions.add(session);
        channel.pipeline().addLast(XmppStreamDecoder.NAME, decoder);
        channel.pipeline().addLast(InputGate.NAME, new InputGate());
        send(channel, HEADER); // negotiation's part, done before it hands over
        channel.pipeline().addLast(StreamManagementHandler.NAME, new StreamManagementHandler(stream, session,
                edge.properties.c2s(), edge.sessions));
        channel.pipeline().addLast(BoundStreamHandler.NAME, new BoundStreamHandler(edge.context, stream, session,
                "joe"));
        stream.open();
        written(channel);
        return channel;
    }

    @AfterEach
    void close() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void aMessageIsStampedWithTheSessionsJidAndPublishedForRouting() {
        var channel = bound(true);
        send(channel, "<message to='Bob@A.test' id='m1'><body>hi</body></message>");
        channel.runPendingTasks();
        assertThat(edge.sent(edge.topics.stanzas())).singleElement().asString()
                .contains("from='joe@a.test/phone'").contains("to='bob@a.test'").contains("<body>hi</body>");
        assertThat(written(channel)).isEmpty();
    }

    @Test
    void aForgedFromEndsTheStreamWithInvalidFrom() {
        var channel = bound(true);
        send(channel, "<message from='alice@a.test' to='bob@a.test'><body>hi</body></message>");
        assertThat(written(channel)).contains("<invalid-from");
        assertThat(channel.isActive()).isFalse();
        assertThat(edge.sent(edge.topics.stanzas())).isEmpty();
    }

    @Test
    void aMalformedToIsAnsweredWithJidMalformedAndNotPublished() {
        var channel = bound(true);
        send(channel, "<message to='@a.test' id='m2'><body>hi</body></message>");
        assertThat(written(channel)).contains("type='error'").contains("<jid-malformed");
        assertThat(edge.sent(edge.topics.stanzas())).isEmpty();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void initialPresenceGoesToTheAccountAfterTheDirectoryHasTheSession() {
        var channel = bound(true);
        send(channel, "<presence><priority>5</priority></presence>");
        channel.runPendingTasks();
        var history = edge.producer.history();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).topic()).isEqualTo(edge.topics.sessionDirectory());
        assertThat(history.get(1).topic()).isEqualTo(edge.topics.accountStanzas());
        assertThat(session.entry().available()).isTrue();
        assertThat(session.entry().priority()).isEqualTo(5);
        assertThat(edge.sent(edge.topics.stanzas())).isEmpty();
    }

    @Test
    void aClientFasterThanKafkaWaitsInItsTcpWindow() {
        var channel = bound(false);
        for (int i = 0; i < BoundStreamHandler.MAX_IN_FLIGHT; i++) {
            send(channel, "<message to='bob@a.test'><body>" + i + "</body></message>");
        }
        assertThat(channel.config().isAutoRead()).isFalse();
        for (int i = 0; i < BoundStreamHandler.MAX_IN_FLIGHT / 2; i++) {
            edge.producer.completeNext();
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aStanzaKafkaRefusesIsBouncedToItsSenderOnTheEventLoop() {
        var channel = bound(false);
        send(channel, "<message to='bob@a.test' id='m3'><body>hi</body></message>");
        edge.producer.errorNext(new TimeoutException("broker gone"));
        assertThat(written(channel)).as("nothing is written from Kafka's thread").isEmpty();
        channel.runPendingTasks();
        assertThat(written(channel)).contains("id='m3'").contains("<resource-constraint");
    }

    @Test
    void streamManagementCountsEveryStanzaFromTheClient() {
        var channel = bound(true);
        send(channel, "<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        assertThat(written(channel)).contains("<enabled xmlns='urn:xmpp:sm:3'").contains("resume='true'");
        send(channel, "<message to='bob@a.test'><body>1</body></message>"
                + "<iq type='set' id='s1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>"
                + "<r xmlns='urn:xmpp:sm:3'/>");
        channel.runPendingTasks();
        String out = written(channel);
        assertThat(out).contains("id='s1'").contains("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        assertThat(edge.sessions.byResumptionId(session.sm().resumptionId())).isSameAs(session);
    }

    @Test
    void aClientClosingItsStreamGetsOurClosingTagAndNoResumption() {
        var channel = bound(true);
        send(channel, "<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        written(channel);
        send(channel, "</stream:stream>");
        assertThat(written(channel)).isEqualTo("</stream:stream>");
        assertThat(session.resumable()).isFalse();
    }

    @Test
    void saslAfterBindingIsAPolicyViolation() {
        var channel = bound(true);
        send(channel, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'/>");
        assertThat(written(channel)).contains("<policy-violation");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aFirstRosterGetIsAnsweredFromTheReadAtBinding() {
        var channel = bound(true);
        var read = new CompletableFuture<SessionServiceClient.Roster>();
        session.readRosterAhead(read, new CompletableFuture<>());
        send(channel, "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        channel.runPendingTasks();
        assertThat(written(channel)).as("the read is still out").isEmpty();
        read.complete(new SessionServiceClient.Roster(7,
                "<query xmlns='jabber:iq:roster' ver='7'><item jid='bob@a.test' subscription='both'/></query>"));
        channel.runPendingTasks();
        assertThat(written(channel)).contains("<iq type='result' id='r1' to='joe@a.test/phone'>")
                .contains("<item jid='bob@a.test' subscription='both'/>");
        assertThat(edge.sent(edge.topics.accountStanzas())).isEmpty();
    }

    @Test
    void aFirstRosterGetWhoseReadFailedGoesThroughKafka() {
        var channel = bound(true);
        var read = new CompletableFuture<SessionServiceClient.Roster>();
        session.readRosterAhead(read, new CompletableFuture<>());
        send(channel, "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        channel.runPendingTasks();
        assertThat(edge.sent(edge.topics.accountStanzas())).isEmpty();
        read.completeExceptionally(new SessionServiceClient.UnavailableException("session service answered 503"));
        channel.runPendingTasks();
        assertThat(edge.sent(edge.topics.accountStanzas())).singleElement().asString()
                .contains("ROSTER").contains("id='r1'").contains("from='joe@a.test/phone'");
        assertThat(written(channel)).isEmpty(); // the answer comes from the session service, through Kafka
    }

    @Test
    void aPushBeforeTheFirstGetIsWithheldAndTheGetGoesThroughKafka() {
        var channel = bound(true);
        var read = new CompletableFuture<SessionServiceClient.Roster>();
        session.readRosterAhead(read, new CompletableFuture<>());
        assertThat(session.deliver("<iq type='set' id='push-1' to='joe@a.test/phone'><query xmlns='jabber:iq:roster'"
                + " ver='8'><item jid='bob@a.test'/></query></iq>")).isEqualTo(LocalSession.Outcome.WITHHELD);
        send(channel, "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        read.complete(new SessionServiceClient.Roster(7, "<query xmlns='jabber:iq:roster' ver='7'/>"));
        channel.runPendingTasks();
        assertThat(written(channel)).as("neither the push nor the older read").isEmpty();
        assertThat(edge.sent(edge.topics.accountStanzas())).singleElement().asString().contains("id='r1'");
    }

    @Test
    void aRosterGetBehindTheSessionsOwnAccountStanzaGoesThroughKafkaAtOnce() {
        var channel = bound(true);
        session.readRosterAhead(new CompletableFuture<>(), new CompletableFuture<>());
        send(channel, "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='bob@a.test'/></query></iq>");
        send(channel, "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        channel.runPendingTasks();
        assertThat(edge.sent(edge.topics.accountStanzas())).hasSize(2).last().asString().contains("id='r1'");
    }
}
