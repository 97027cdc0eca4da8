package io.xsg.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.events.v1.SessionEntry;
import org.junit.jupiter.api.Test;

/** The session's part in answering a first roster get from the session service's read. */
class LocalSessionTest {

    private static final String PUSH = "<iq type='set' id='p1' to='joe@a.test/phone'>"
            + "<query xmlns='jabber:iq:roster' ver='3'><item jid='bob@a.test'/></query></iq>";

    private final LocalSession session = new LocalSession(new EmbeddedChannel(),
            new SessionEntry("s1", "joe@a.test/phone", "edge-1", "i1", false, 0, 0));

    @Test
    void onlyTheFirstGetTakesTheReadAndNotAfterAnAccountStanza() {
        assertThat(session.takeRosterRead()).isTrue();
        assertThat(session.takeRosterRead()).isFalse();
        var other = new LocalSession(new EmbeddedChannel(),
                new SessionEntry("s2", "joe@a.test/desk", "edge-1", "i1", false, 0, 0));
        other.noRosterRead();
        assertThat(other.takeRosterRead()).isFalse();
    }

    @Test
    void onlyARosterIqWrittenDuringTheReadOvertakesIt() {
        session.deliver(PUSH); // before the read: the read has it
        assertThat(session.takeRosterRead()).isTrue();
        session.deliver("<message to='joe@a.test/phone'><body>jabber:iq:roster</body></message>");
        session.deliver("<iq type='result' id='x' to='joe@a.test/phone'/>");
        assertThat(session.rosterReadOvertaken()).isFalse();
    }

    @Test
    void aRosterPushDuringTheReadIsSeen() {
        assertThat(session.takeRosterRead()).isTrue();
        session.deliver(PUSH);
        assertThat(session.rosterReadOvertaken()).isTrue();
    }
}
