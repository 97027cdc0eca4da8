package io.xsg.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.delivery.Delivery;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6121 §8.5 and RFC 6120 §10.3 as {@link StanzaRouter} implements them, on a real {@link SessionDirectory}. */
/** Stanzas for the server itself (RFC 6120 §10.3): its IQs, messages to the domain, stanzas without {@code to}. */
class ServerAddressedStanzaTest extends RouterFixture {

    @Test
    void pingToTheDomainIsAnsweredWithAResult() {
        var event = received("e1", romeo, iq(DOMAIN, "get", ping()));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertThat(reply.name()).isEqualTo("iq");
        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.attribute("id")).isEqualTo("q1");
        assertThat(reply.attribute("from")).isEqualTo(DOMAIN);
        assertThat(reply.attribute("to")).isEqualTo("romeo@a.test/orchard");
        assertThat(reply.childElements()).isEmpty();
    }

    @Test
    void discoInfoToTheDomainListsExactlyTheImplementedFeatures() {
        var event = received("e1", romeo, iq(DOMAIN, "get", discoInfo()));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.attribute("from")).isEqualTo(DOMAIN);
        XmlElement query = reply.firstChild("query", ServerIqHandler.DISCO_INFO_NS);
        assertThat(query).isNotNull();
        XmlElement identity = query.firstChild("identity", ServerIqHandler.DISCO_INFO_NS);
        assertThat(identity.attribute("category")).isEqualTo("server");
        assertThat(identity.attribute("type")).isEqualTo("im");
        List<String> features = query.childElements().stream().filter(e -> e.name().equals("feature"))
                .map(e -> e.attribute("var")).toList();
        assertThat(features).containsExactlyInAnyOrderElementsOf(ServerIqHandler.SERVER_FEATURES)
                .containsExactlyInAnyOrder("http://jabber.org/protocol/disco#info",
                        "http://jabber.org/protocol/disco#items", "urn:xmpp:ping",
                        "urn:ietf:params:xml:ns:xmpp-session", "urn:xmpp:carbons:2", "msgoffline",
                        "http://jabber.org/protocol/amp", "http://jabber.org/protocol/amp?condition=expire-at",
                        "http://jabber.org/protocol/amp?action=drop", "http://jabber.org/protocol/amp?action=error",
                        "http://jabber.org/protocol/amp?action=alert");
    }

    @Test
    void discoItemsToTheDomainIsAnEmptyList() {
        var event = received("e1", romeo,
                iq(DOMAIN, "get", XmlElement.builder("query", ServerIqHandler.DISCO_ITEMS_NS).build()));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.firstChild("query", ServerIqHandler.DISCO_ITEMS_NS).childElements()).isEmpty();
    }

    @Test
    void discoInfoOnANodeIsServiceUnavailable() {
        var event = received("e1", romeo, iq(DOMAIN, "get",
                XmlElement.builder("query", ServerIqHandler.DISCO_INFO_NS).attribute("node", "x").build()));

        assertError(replyToRomeo(route(event), "e1"), "iq", DOMAIN, "romeo@a.test/orchard",
                "service-unavailable");
    }

    @Test
    void iqWithoutToIsAnsweredOnBehalfOfTheSendersAccount() {
        var event = received("e1", romeo, iq(null, "get", ping()));
        assertThat(event.to()).isNull();

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.attribute("id")).isEqualTo("q1");
        assertThat(reply.attribute("to")).isEqualTo("romeo@a.test/orchard");
        assertThat(reply.attribute("from")).isEqualTo("romeo@a.test");
    }

    @Test
    void unknownIqNamespaceToTheDomainIsServiceUnavailable() {
        var event = received("e1", romeo, iq(DOMAIN, "get",
                XmlElement.builder("query", "jabber:iq:version").build()));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertError(reply, "iq", DOMAIN, "romeo@a.test/orchard", "service-unavailable");
        assertThat(reply.attribute("id")).isEqualTo("q1");
    }

    @Test
    void pingAsSetIsServiceUnavailable() {
        var event = received("e1", romeo, iq(DOMAIN, "set", ping()));

        assertError(replyToRomeo(route(event), "e1"), "iq", DOMAIN, "romeo@a.test/orchard",
                "service-unavailable");
    }

    @Test
    void iqWithoutExactlyOnePayloadIsBadRequest() {
        var event = received("e1", romeo, iq(DOMAIN, "get", null));

        assertError(replyToRomeo(route(event), "e1"), "iq", DOMAIN, "romeo@a.test/orchard",
                "bad-request");
    }

    @Test
    void iqResultsAndErrorsToTheServerAreDropped() {
        assertThat(route(received("e1", romeo, iq(DOMAIN, "result", null)))).isEmpty();
        assertThat(route(received("e2", romeo, iq(DOMAIN, "error", null)))).isEmpty();
        assertThat(route(received("e3", romeo, iq(null, "result", null)))).isEmpty();
        assertThat(route(received("e4", romeo, iq("juliet@a.test", "result", null)))).isEmpty();
        assertThat(route(received("e5", romeo, iq("juliet@a.test", "error", null)))).isEmpty();
    }

    @Test
    void messageToTheDomainIsServiceUnavailableButWithoutToGoesToTheOwnAccount() {
        assertError(replyToRomeo(route(received("e1", romeo, message(DOMAIN, "chat"))), "e1"),
                "message", DOMAIN, "romeo@a.test/orchard", "service-unavailable");
        // RFC 6120 10.3.1: treated as addressed to the sender's bare JID, whose only resource is romeo's own
        assertThat(sessions(route(received("e2", romeo, message(null, "chat")))))
                .containsExactly(romeo.sessionId());
    }

    @Test
    void presenceBroadcastIsNotRoutedHere() {
        bind("r2", "romeo@a.test/garden", "edge-r", true, 0);

        assertThat(route(received("e1", romeo, presence(null, null)))).isEmpty();
        assertThat(route(received("e2", romeo, presence(DOMAIN, null)))).isEmpty();
    }

    @Test
    void aResourceOfTheDomainItselfIsServiceUnavailable() {
        var event = received("e1", romeo, iq("a.test/admin", "get", ping()));

        assertError(replyToRomeo(route(event), "e1"), "iq", "a.test/admin", "romeo@a.test/orchard",
                "service-unavailable");
    }
}
