package io.xsg.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.xsg.edge.sasl.SessionServiceClient.Roster;
import io.xsg.events.v1.SessionEntry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The session's part in answering a first roster get from the roster read at binding, and in roster interest. */
class LocalSessionTest {

    private static final String PUSH = "<iq type='set' id='push-1' to='joe@a.test/phone'>"
            + "<query xmlns='jabber:iq:roster' ver='3'><item jid='bob@a.test'/></query></iq>";

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final LocalSession session = new LocalSession(channel,
            new SessionEntry("s1", "joe@a.test/phone", "edge-1", "i1", false, 0, 0, null, true, false));
    private final CompletableFuture<Roster> read = new CompletableFuture<>();
    private final CompletableFuture<Void> expiry = new CompletableFuture<>();

    @Test
    void onlyTheFirstOwnGetTakesTheRead() {
        session.readRosterAhead(read, expiry);
        assertThat(session.rosterAsked(false)).as("a get to the domain is not a roster get").isNull();
        assertThat(session.deliver(PUSH)).as("nor does it make the session interested")
                .isEqualTo(LocalSession.Outcome.WITHHELD);
        assertThat(session.rosterAsked(true)).isSameAs(read);
        assertThat(expiry).as("a taken read no longer expires").isCancelled();
        assertThat(session.rosterAsked(true)).isNull();
    }

    @Test
    void noReadAfterAnAccountStanzaOrOnceTheClientTookTooLong() {
        session.readRosterAhead(read, expiry);
        session.noRosterRead();
        assertThat(session.rosterAsked(true)).isNull();
    }

    @Test
    void aTakenReadIsKeptWhenAnAccountStanzaFollowsTheGet() {
        session.readRosterAhead(read, expiry);
        assertThat(session.rosterAsked(true)).isSameAs(read);
        session.noRosterRead(); // the read is the get's answer, in order before that stanza
        session.deliver(PUSH); // the push of that stanza's change, before the read's answer: still seen
        assertThat(session.rosterReadOvertaken()).isTrue();
    }

    @Test
    void anEndedSessionLetsGoOfItsRead() {
        session.readRosterAhead(read, expiry);
        session.end();
        assertThat(expiry).isCancelled();
        assertThat(session.rosterAsked(true)).isNull();
    }

    @Test
    void aPushBeforeTheClientAskedIsWithheldAndOvertakesTheRead() {
        session.readRosterAhead(read, expiry);
        assertThat(session.deliver(PUSH)).isEqualTo(LocalSession.Outcome.WITHHELD);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(session.rosterAsked(true)).isSameAs(read);
        assertThat(session.rosterReadOvertaken()).isTrue();
    }

    @Test
    void aPushAfterTheClientAskedIsWrittenAndOvertakesTheRead() {
        session.readRosterAhead(read, expiry);
        session.rosterAsked(true);
        assertThat(session.deliver(PUSH)).isEqualTo(LocalSession.Outcome.WRITTEN);
        assertThat(session.rosterReadOvertaken()).isTrue();
    }

    @Test
    void otherStanzasAreNotWithheld() {
        session.readRosterAhead(read, expiry);
        assertThat(session.deliver("<message to='joe@a.test/phone'><body>jabber:iq:roster</body></message>"))
                .isEqualTo(LocalSession.Outcome.WRITTEN);
        assertThat(session.deliver("<iq type='result' id='x' to='joe@a.test/phone'/>"))
                .isEqualTo(LocalSession.Outcome.WRITTEN);
        // not a push: an IQ set of the roster namespace from another entity is the client's to answer
        assertThat(session.deliver("<iq type='set' id='y' from='eve@b.test' to='joe@a.test/phone'>"
                + "<query xmlns='jabber:iq:roster'/></iq>")).isEqualTo(LocalSession.Outcome.WRITTEN);
        session.rosterAsked(true);
        assertThat(session.rosterReadOvertaken()).as("none of them tells of a change to the roster").isFalse();
    }

    @Test
    void onlyARosterIqOvertakesTheRead() {
        session.readRosterAhead(read, expiry);
        session.deliver("<message to='joe@a.test/phone'><body>jabber:iq:roster</body></message>");
        session.deliver("<iq type='result' id='x' to='joe@a.test/phone'/>");
        session.rosterAsked(true);
        session.deliver("<message to='joe@a.test/phone'><body>hi</body></message>");
        assertThat(session.rosterReadOvertaken()).isFalse();
    }

    @Test
    void oncePushesAreWantedAndTheReadAnsweredTheyAreJustWritten() {
        session.readRosterAhead(read, expiry);
        session.rosterAsked(true);
        session.rosterReadOvertaken();
        assertThat(session.deliver(PUSH)).isEqualTo(LocalSession.Outcome.WRITTEN);
    }
}
