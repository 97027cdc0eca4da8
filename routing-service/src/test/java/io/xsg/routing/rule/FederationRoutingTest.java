package io.xsg.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.AccountStanzaEvent.Purpose;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import org.junit.jupiter.api.Test;

/** Routing with federation on: what leaves for other domains, and what arrives from them. */
class FederationRoutingTest extends RouterFixture {

    private final StanzaRouter federated = new StanzaRouter(DOMAIN, directory,
            java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), true);

    /** As the edge's s2s listener publishes it: from a remote JID the stream authenticated, no session. */
    static StanzaReceivedEvent fromRemote(String eventId, String from, XmlElement stanza) {
        XmlElement stamped = stanza.withAttribute("from", from);
        return new StanzaReceivedEvent(eventId, stanza.name(), stanza.attribute("type"), from, stanza.attribute("to"),
                stamped.toXml(), "edge-1", null, 0L);
    }

    @Test
    void aMessageToAnotherDomainGoesToItsStreamAndTheSendersOtherResourcesGetCarbons() {
        var phone = bindWithCarbons("r2", "romeo@a.test/phone", "edge-p", 0);
        var event = received("e1", romeo, message("bob@b.test", "chat"));

        Routed routed = federated.route(event);

        assertThat(routed.destination()).isEqualTo(Routed.Destination.REMOTE_DOMAIN);
        assertThat(routed.remote()).containsExactly(event);
        assertThat(sessions(routed.deliveries())).containsExactly(phone.sessionId());
    }

    @Test
    void withoutFederationItComesBackAsRemoteServerNotFound() {
        var event = received("e1", romeo, message("bob@b.test", "chat"));

        Routed routed = router.route(event);

        assertThat(routed.remote()).isEmpty();
        assertError(replyToRomeo(routed.deliveries(), "e1"), "message", "bob@b.test", "romeo@a.test/orchard",
                "remote-server-not-found");
    }

    @Test
    void aRemoteServersIqIsAnsweredOverFederation() {
        var event = fromRemote("e1", "bob@b.test/laptop", iq("a.test", "get", ping()));

        Routed routed = federated.route(event);

        assertThat(routed.deliveries()).isEmpty();
        assertThat(routed.remote()).hasSize(1);
        StanzaReceivedEvent reply = routed.remote().get(0);
        assertThat(reply.to()).isEqualTo("bob@b.test/laptop");
        assertThat(reply.from()).isEqualTo("a.test");
        XmlElement result = Stanzas.parse(reply.xml());
        assertThat(result.attribute("type")).isEqualTo("result");
        assertThat(result.attribute("to")).isEqualTo("bob@b.test/laptop");
    }

    @Test
    void aRemoteMessageThatCannotBeDeliveredComesBackOverFederation() {
        var event = fromRemote("e1", "bob@b.test/laptop", message("juliet@a.test/nowhere", "normal"));

        Routed routed = federated.route(event);

        assertThat(routed.remote()).hasSize(1);
        XmlElement error = Stanzas.parse(routed.remote().get(0).xml());
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.attribute("to")).isEqualTo("bob@b.test/laptop");
        assertThat(error.firstChild("error", CLIENT).childElements().get(0).name()).isEqualTo("service-unavailable");
    }

    @Test
    void aRemoteChatReachesTheLocalUsersSessionsOrOfflineStorage() {
        var juliet = bind("j1", "juliet@a.test/balcony", "edge-j", true, 0);
        var toJuliet = fromRemote("e1", "bob@b.test/laptop", message("juliet@a.test", "chat"));
        assertThat(sessions(federated.route(toJuliet).deliveries())).containsExactly(juliet.sessionId());

        var toNurse = fromRemote("e2", "bob@b.test/laptop", message("nurse@a.test", "chat"));
        Routed stored = federated.route(toNurse);
        assertThat(stored.destination()).isEqualTo(Routed.Destination.STORAGE);
        assertThat(stored.forward().account()).isEqualTo("nurse@a.test");
    }

    @Test
    void remotePresenceIsInbound() {
        var juliet = bind("j1", "juliet@a.test/balcony", "edge-j", true, 0);

        Routed subscribe = federated.route(fromRemote("e1", "bob@b.test", presence("juliet@a.test", "subscribe")));
        assertThat(subscribe.forward().purpose()).isEqualTo(Purpose.INBOUND_SUBSCRIPTION);
        assertThat(subscribe.forward().account()).isEqualTo("juliet@a.test");

        Routed probe = federated.route(fromRemote("e2", "bob@b.test", presence("juliet@a.test", "probe")));
        assertThat(probe.forward().purpose()).isEqualTo(Purpose.PROBE);
        assertThat(probe.forward().account()).isEqualTo("juliet@a.test");

        Routed available = federated.route(fromRemote("e3", "bob@b.test/laptop", presence("juliet@a.test", null)));
        assertThat(sessions(available.deliveries())).containsExactly(juliet.sessionId());
        assertThat(available.forward()).isNull();
    }

    @Test
    void aServerNeverRelaysBetweenTwoOtherDomains() {
        var event = fromRemote("e1", "bob@b.test/laptop", message("carol@c.test", "chat"));

        assertThat(federated.route(event)).isEqualTo(Routed.NOTHING);
    }
}
