package io.xsg.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.xmpp.stanza.AccountConcerns.Concern;
import io.xsg.xmpp.xml.XmlElement;
import org.junit.jupiter.api.Test;

class AccountConcernsTest {

    private static final String ME = "joe@a.test";

    private static Concern of(String xml, String to) {
        return AccountConcerns.of(Stanzas.parse(xml), to, ME, "a.test");
    }

    @Test
    void presenceIsTheAccountsExceptErrorsProbesAndPresenceToTheServer() {
        assertThat(of("<presence xmlns='jabber:client'/>", null)).isEqualTo(Concern.PRESENCE);
        assertThat(of("<presence xmlns='jabber:client' type='unavailable'/>", null)).isEqualTo(Concern.PRESENCE);
        assertThat(of("<presence xmlns='jabber:client' type='subscribe' to='ann@b.test'/>", "ann@b.test"))
                .isEqualTo(Concern.PRESENCE);
        assertThat(of("<presence xmlns='jabber:client' to='ann@a.test/x'/>", "ann@a.test/x"))
                .as("directed").isEqualTo(Concern.PRESENCE);
        assertThat(of("<presence xmlns='jabber:client' type='error' to='ann@a.test'/>", "ann@a.test")).isNull();
        assertThat(of("<presence xmlns='jabber:client' type='probe' to='ann@a.test'/>", "ann@a.test")).isNull();
        assertThat(of("<presence xmlns='jabber:client' to='a.test'/>", "a.test")).isNull();
    }

    @Test
    void rosterRequestsForTheOwnRosterOnly() {
        String get = "<iq xmlns='jabber:client' type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>";
        assertThat(of(get, null)).isEqualTo(Concern.ROSTER);
        assertThat(of(get, ME)).isEqualTo(Concern.ROSTER);
        assertThat(of(get, "ann@a.test")).as("someone else's roster: routed, and refused there").isNull();
        assertThat(of("<iq xmlns='jabber:client' type='result' id='r'><query xmlns='jabber:iq:roster'/></iq>", null))
                .isNull();
        assertThat(of("<iq xmlns='jabber:client' type='get' id='p'><ping xmlns='urn:xmpp:ping'/></iq>", null))
                .isNull();
        assertThat(of("<message xmlns='jabber:client' to='ann@a.test'><body>hi</body></message>", "ann@a.test"))
                .isNull();
        assertThat(AccountConcerns.isRosterQuery(XmlElement.builder("iq", "jabber:client").build())).isFalse();
    }
}
