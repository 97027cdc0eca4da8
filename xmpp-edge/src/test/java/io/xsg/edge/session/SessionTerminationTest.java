package io.xsg.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.edge.EdgeTestContext;
import io.xsg.edge.sm.StreamManagement;
import io.xsg.events.v1.SessionEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTerminationTest {

    @TempDir
    Path dir;
    private EdgeTestContext edge;

    @AfterEach
    void close() {
        edge.close();
    }

    private LocalSession available(EmbeddedChannel channel, boolean resumable) {
        edge = new EdgeTestContext(dir, true, Map.of());
        var entry = new SessionEntry("s1", "joe@a.test/phone", "edge-1", "i1", false, 0, 0)
                .withPresence(true, 1, "<presence from='joe@a.test/phone'/>");
        var session = new LocalSession(channel, entry);
        edge.sessions.add(session);
        session.enable(new StreamManagement(resumable ? "r1" : null), 100);
        session.deliver("<message from='bob@a.test/pc' to='joe@a.test/phone' id='m1'><body>hi</body></message>");
        session.deliver("<presence from='bob@a.test/pc' to='joe@a.test/phone'/>");
        channel.readOutbound();
        return session;
    }

    @Test
    void aSessionThatEndsAnnouncesItsAbsenceSendsWhatWasUnacknowledgedOnAndLeavesTheDirectory() {
        var channel = new EmbeddedChannel();
        var session = available(channel, false);
        channel.close();
        edge.context.termination().connectionClosed(session, channel, Duration.ofMinutes(5));
        assertThat(edge.sent(edge.topics.accountStanzas())).singleElement().asString().contains("type='unavailable'");
        assertThat(edge.sent(edge.topics.stanzas())).as("the message goes round again; the presence does not")
                .singleElement().asString().contains("id='m1'");
        assertThat(edge.sent(edge.topics.sessionDirectory())).containsExactly((String) null);
        assertThat(edge.sessions.bySessionId("s1")).isNull();
        edge.context.termination().end(session, true);
        assertThat(edge.producer.history()).as("a session ends once").hasSize(3);
    }

    @Test
    void aResumableSessionOutlivesItsConnectionForTheWindowOnly() {
        var channel = new EmbeddedChannel();
        var session = available(channel, true);
        edge.context.termination().connectionClosed(session, channel, Duration.ofSeconds(60));
        assertThat(session.detached()).isTrue();
        assertThat(edge.producer.history()).isEmpty();
        channel.advanceTimeBy(61, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(edge.sessions.bySessionId("s1")).isNull();
        assertThat(edge.sent(edge.topics.sessionDirectory())).containsExactly((String) null);
    }

    @Test
    void aSessionResumedOnAnotherConnectionIsNotEndedByTheOldOne() {
        var channel = new EmbeddedChannel();
        var session = available(channel, true);
        assertThat(session.resume(new EmbeddedChannel(), 0)).isNotNull();
        edge.context.termination().connectionClosed(session, channel, Duration.ZERO);
        assertThat(session.detached()).isFalse();
        assertThat(edge.producer.history()).isEmpty();
    }
}
