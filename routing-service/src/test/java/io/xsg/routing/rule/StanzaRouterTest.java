package io.xsg.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.routing.directory.SessionDirectory;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6121 §8.5 and RFC 6120 §10.3 as {@link StanzaRouter} implements them, on a real {@link SessionDirectory}. */
class StanzaRouterTest {

    private static final String DOMAIN = "a.test";
    private static final String CLIENT = "jabber:client";
    private static final String STANZAS = StanzaErrorCondition.NAMESPACE;

    private final SessionDirectory directory = new SessionDirectory();
    private final StanzaRouter router = new StanzaRouter(DOMAIN, directory);

    /** The sender of most stanzas below. */
    private final SessionEntry romeo = bind("r1", "romeo@a.test/orchard", "edge-r", true, 0);

    private SessionEntry bind(String sessionId, String fullJid, String edgeId, boolean available, int priority) {
        var entry = new SessionEntry(sessionId, fullJid, edgeId, "inc", available, priority, System.nanoTime());
        directory.apply(sessionId, entry, e -> { });
        return entry;
    }

    /** As the edge builds it: {@code from} stamped with the sender's full JID, serialised in jabber:client. */
    private static StanzaReceivedEvent received(String eventId, SessionEntry sender, XmlElement stanza) {
        XmlElement stamped = stanza.withAttribute("from", sender.fullJid());
        return new StanzaReceivedEvent(eventId, stanza.name(), stanza.attribute("type"), sender.fullJid(),
                stanza.attribute("to"), stamped.toXml(), sender.edgeId(), sender.sessionId(), 0L);
    }

    private static XmlElement message(String to, String type) {
        var b = XmlElement.builder("message", CLIENT).attribute("id", "m1");
        if (to != null) {
            b.attribute("to", to);
        }
        if (type != null) {
            b.attribute("type", type);
        }
        return b.child(XmlElement.builder("body", CLIENT).text("hi").build()).build();
    }

    private static XmlElement presence(String to, String type) {
        var b = XmlElement.builder("presence", CLIENT);
        if (to != null) {
            b.attribute("to", to);
        }
        if (type != null) {
            b.attribute("type", type);
        }
        return b.build();
    }

    private static XmlElement iq(String to, String type, XmlElement payload) {
        var b = XmlElement.builder("iq", CLIENT).attribute("id", "q1").attribute("type", type);
        if (to != null) {
            b.attribute("to", to);
        }
        if (payload != null) {
            b.child(payload);
        }
        return b.build();
    }

    private static XmlElement ping() {
        return XmlElement.builder("ping", ServerIqHandler.PING_NS).build();
    }

    private static XmlElement discoInfo() {
        return XmlElement.builder("query", ServerIqHandler.DISCO_INFO_NS).build();
    }

    private static List<String> sessions(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.event().sessionId()).toList();
    }

    /** The single reply in {@code deliveries}, checked to go back to {@link #romeo}'s stream, parsed. */
    private XmlElement replyToRomeo(List<Delivery> deliveries, String eventId) {
        assertThat(deliveries).hasSize(1);
        Delivery d = deliveries.get(0);
        assertThat(d.edgeId()).isEqualTo(romeo.edgeId());
        assertThat(d.event().sessionId()).isEqualTo(romeo.sessionId());
        assertThat(d.event().action()).isEqualTo(EdgeDeliveryEvent.Action.STANZA);
        assertThat(d.event().deliveryId()).isEqualTo(eventId + "/reply");
        return Stanzas.parse(d.event().payload());
    }

    private static void assertError(XmlElement reply, String name, String from, String to, String condition) {
        assertThat(reply.name()).isEqualTo(name);
        assertThat(reply.namespace()).isEqualTo(CLIENT);
        assertThat(reply.attribute("type")).isEqualTo("error");
        assertThat(reply.attribute("from")).isEqualTo(from);
        assertThat(reply.attribute("to")).isEqualTo(to);
        XmlElement error = reply.firstChild("error", CLIENT);
        assertThat(error).as("error child of %s", reply).isNotNull();
        XmlElement first = error.childElements().get(0); // the condition comes first; an optional <text/> may follow
        assertThat(first.name()).as("condition in %s", reply).isEqualTo(condition);
        assertThat(first.namespace()).isEqualTo(STANZAS);
    }

    // --- to a full JID ---

    @Test
    void messageToABoundFullJidGoesToThatSessionOnly() {
        var phone = bind("j1", "juliet@a.test/phone", "edge-j", true, 0);
        bind("j2", "juliet@a.test/laptop", "edge-k", true, 10);
        var event = received("e1", romeo, message("juliet@a.test/phone", "chat"));

        List<Delivery> out = router.route(event);

        assertThat(out).containsExactly(new Delivery("edge-j",
                EdgeDeliveryEvent.stanza("e1/" + phone.sessionId(), phone.sessionId(), event.xml())));
        XmlElement delivered = Stanzas.parse(out.get(0).event().payload());
        assertThat(delivered.attribute("from")).isEqualTo("romeo@a.test/orchard");
        assertThat(delivered.firstChild("body", CLIENT).text()).isEqualTo("hi");
    }

    @Test
    void stanzasToABoundFullJidAreDeliveredEvenWhenUnavailableOrNegative() {
        bind("j1", "juliet@a.test/phone", "edge-j", false, -5);

        assertThat(sessions(router.route(received("e1", romeo, message("juliet@a.test/phone", "normal")))))
                .containsExactly("j1");
        assertThat(sessions(router.route(received("e2", romeo, iq("juliet@a.test/phone", "get", ping())))))
                .containsExactly("j1");
        assertThat(sessions(router.route(received("e3", romeo, presence("juliet@a.test/phone", null)))))
                .containsExactly("j1");
    }

    @Test
    void chatToAMissingResourceFallsBackToTheBareJidRules() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        bind("j2", "juliet@a.test/laptop", "edge-j", true, 3);

        // §8.5.3.2.1 point 2; "normal" is deliberately not pinned here: the RFC lets it only be ignored or bounced
        assertThat(sessions(router.route(received("e1", romeo, message("juliet@a.test/gone", "chat")))))
                .containsExactly("j2");
    }

    @Test
    void messageToAMissingResourceOfAnOfflineAccountIsBounced() {
        var event = received("e1", romeo, message("juliet@a.test/gone", "chat"));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertError(reply, "message", "juliet@a.test/gone", "romeo@a.test/orchard", "service-unavailable");
    }

    @Test
    void headlineGroupchatAndErrorToAMissingResourceAreDropped() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);

        assertThat(router.route(received("e1", romeo, message("juliet@a.test/gone", "headline")))).isEmpty();
        assertThat(router.route(received("e2", romeo, message("juliet@a.test/gone", "groupchat")))).isEmpty();
        assertThat(router.route(received("e3", romeo, message("juliet@a.test/gone", "error")))).isEmpty();
    }

    @Test
    void iqToAMissingResourceIsServiceUnavailable() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        var event = received("e1", romeo, iq("juliet@a.test/gone", "get", ping()));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertError(reply, "iq", "juliet@a.test/gone", "romeo@a.test/orchard", "service-unavailable");
        assertThat(reply.attribute("id")).isEqualTo("q1");
        assertThat(reply.firstChild("ping", ServerIqHandler.PING_NS)).isNull(); // an iq error carries no payload
    }

    @Test
    void iqResultOrErrorToAMissingResourceIsNotAnsweredWithAnError() {
        assertThat(router.route(received("e1", romeo, iq("juliet@a.test/gone", "error", null)))).isEmpty();
    }

    @Test
    void presenceToAMissingResourceIsDropped() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);

        assertThat(router.route(received("e1", romeo, presence("juliet@a.test/gone", null)))).isEmpty();
        assertThat(router.route(received("e2", romeo, presence("juliet@a.test/gone", "unavailable")))).isEmpty();
    }

    // --- to a bare JID ---

    @Test
    void chatToABareJidGoesToAllHighestPriorityAvailableSessions() {
        var a = bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        var b = bind("j2", "juliet@a.test/b", "edge-k", true, 5);
        bind("j3", "juliet@a.test/c", "edge-j", true, 1);
        bind("j4", "juliet@a.test/d", "edge-j", false, 50);
        var event = received("e1", romeo, message("juliet@a.test", "chat"));

        List<Delivery> out = router.route(event);

        assertThat(out).containsExactlyInAnyOrder(
                new Delivery("edge-j", EdgeDeliveryEvent.stanza("e1/j1", a.sessionId(), event.xml())),
                new Delivery("edge-k", EdgeDeliveryEvent.stanza("e1/j2", b.sessionId(), event.xml())));
    }

    @Test
    void normalMessageToABareJidFollowsTheSameRuleAsChat() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 2);
        bind("j2", "juliet@a.test/b", "edge-j", true, 1);

        assertThat(sessions(router.route(received("e1", romeo, message("juliet@a.test", null)))))
                .containsExactly("j1");
        assertThat(sessions(router.route(received("e2", romeo, message("juliet@a.test", "normal")))))
                .containsExactly("j1");
    }

    @Test
    void headlineToABareJidGoesToEveryNonNegativeAvailableSession() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, 0);
        bind("j3", "juliet@a.test/c", "edge-j", true, -1);
        bind("j4", "juliet@a.test/d", "edge-j", false, 3);

        assertThat(sessions(router.route(received("e1", romeo, message("juliet@a.test", "headline")))))
                .containsExactlyInAnyOrder("j1", "j2");
    }

    @Test
    void headlineToAnAccountWithoutAvailableSessionsIsDroppedSilently() {
        bind("j1", "juliet@a.test/a", "edge-j", true, -1);

        assertThat(router.route(received("e1", romeo, message("juliet@a.test", "headline")))).isEmpty();
    }

    @Test
    void chatToABareJidWithNoAvailableSessionIsBouncedToTheSendersSession() {
        bind("j1", "juliet@a.test/a", "edge-j", false, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, -1);
        var event = received("e1", romeo, message("juliet@a.test", "chat"));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertError(reply, "message", "juliet@a.test", "romeo@a.test/orchard", "service-unavailable");
        assertThat(reply.attribute("id")).isEqualTo("m1");
        assertThat(reply.firstChild("error", CLIENT).attribute("type")).isEqualTo("cancel");
        assertThat(reply.firstChild("body", CLIENT).text()).isEqualTo("hi"); // message errors keep the payload
    }

    @Test
    void chatToAnUnknownAccountIsBounced() {
        var event = received("e1", romeo, message("nobody@a.test", "chat"));

        assertError(replyToRomeo(router.route(event), "e1"),
                "message", "nobody@a.test", "romeo@a.test/orchard", "service-unavailable");
    }

    @Test
    void errorMessagesAreNeverBounced() {
        // no session at all, a missing resource, a remote domain, a server domain: never an error for an error
        assertThat(router.route(received("e1", romeo, message("juliet@a.test", "error")))).isEmpty();
        assertThat(router.route(received("e2", romeo, message("juliet@a.test/gone", "error")))).isEmpty();
        assertThat(router.route(received("e3", romeo, message("bob@b.test", "error")))).isEmpty();
        assertThat(router.route(received("e4", romeo, message("a.test/x", "error")))).isEmpty();
        assertThat(router.route(received("e5", romeo, message(DOMAIN, "error")))).isEmpty();
    }

    @Test
    void errorMessageToAnAvailableBareJidIsNotDeliveredEither() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);

        assertThat(router.route(received("e1", romeo, message("juliet@a.test", "error")))).isEmpty();
    }

    @Test
    void groupchatToABareJidIsServiceUnavailableEvenWithSessionsOnline() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);
        var event = received("e1", romeo, message("juliet@a.test", "groupchat"));

        assertError(replyToRomeo(router.route(event), "e1"),
                "message", "juliet@a.test", "romeo@a.test/orchard", "service-unavailable");
    }

    @Test
    void directedPresenceToABareJidGoesToEveryAvailableSession() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, -1);
        bind("j3", "juliet@a.test/c", "edge-j", false, 0);

        assertThat(sessions(router.route(received("e1", romeo, presence("juliet@a.test", null)))))
                .containsExactlyInAnyOrder("j1", "j2");
    }

    @Test
    void presenceIsNeverBounced() {
        assertThat(router.route(received("e1", romeo, presence("nobody@a.test", null)))).isEmpty();
        assertThat(router.route(received("e2", romeo, presence("bob@b.test", "subscribe")))).isEmpty();
        assertThat(router.route(received("e3", romeo, presence("a.test/x", null)))).isEmpty();
    }

    @Test
    void iqToABareJidIsAnsweredByTheServerOnTheAccountsBehalf() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        var event = received("e1", romeo, iq("juliet@a.test", "get", ping()));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.attribute("from")).isEqualTo("juliet@a.test");
        assertThat(reply.attribute("to")).isEqualTo("romeo@a.test/orchard");
        assertThat(reply.attribute("id")).isEqualTo("q1");
    }

    @Test
    void discoInfoToABareJidIsServiceUnavailable() {
        var event = received("e1", romeo, iq("juliet@a.test", "get", discoInfo()));

        assertError(replyToRomeo(router.route(event), "e1"),
                "iq", "juliet@a.test", "romeo@a.test/orchard", "service-unavailable");
    }

    // --- to the server ---

    @Test
    void pingToTheDomainIsAnsweredWithAResult() {
        var event = received("e1", romeo, iq(DOMAIN, "get", ping()));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

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

        XmlElement reply = replyToRomeo(router.route(event), "e1");

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
                        "urn:ietf:params:xml:ns:xmpp-session");
    }

    @Test
    void discoItemsToTheDomainIsAnEmptyList() {
        var event = received("e1", romeo,
                iq(DOMAIN, "get", XmlElement.builder("query", ServerIqHandler.DISCO_ITEMS_NS).build()));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.firstChild("query", ServerIqHandler.DISCO_ITEMS_NS).childElements()).isEmpty();
    }

    @Test
    void discoInfoOnANodeIsServiceUnavailable() {
        var event = received("e1", romeo, iq(DOMAIN, "get",
                XmlElement.builder("query", ServerIqHandler.DISCO_INFO_NS).attribute("node", "x").build()));

        assertError(replyToRomeo(router.route(event), "e1"), "iq", DOMAIN, "romeo@a.test/orchard",
                "service-unavailable");
    }

    @Test
    void iqWithoutToIsAnsweredOnBehalfOfTheSendersAccount() {
        var event = received("e1", romeo, iq(null, "get", ping()));
        assertThat(event.to()).isNull();

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.attribute("id")).isEqualTo("q1");
        assertThat(reply.attribute("to")).isEqualTo("romeo@a.test/orchard");
        assertThat(reply.attribute("from")).isEqualTo("romeo@a.test");
    }

    @Test
    void unknownIqNamespaceToTheDomainIsServiceUnavailable() {
        var event = received("e1", romeo, iq(DOMAIN, "get",
                XmlElement.builder("query", "jabber:iq:version").build()));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertError(reply, "iq", DOMAIN, "romeo@a.test/orchard", "service-unavailable");
        assertThat(reply.attribute("id")).isEqualTo("q1");
    }

    @Test
    void pingAsSetIsServiceUnavailable() {
        var event = received("e1", romeo, iq(DOMAIN, "set", ping()));

        assertError(replyToRomeo(router.route(event), "e1"), "iq", DOMAIN, "romeo@a.test/orchard",
                "service-unavailable");
    }

    @Test
    void iqWithoutExactlyOnePayloadIsBadRequest() {
        var event = received("e1", romeo, iq(DOMAIN, "get", null));

        assertError(replyToRomeo(router.route(event), "e1"), "iq", DOMAIN, "romeo@a.test/orchard",
                "bad-request");
    }

    @Test
    void iqResultsAndErrorsToTheServerAreDropped() {
        assertThat(router.route(received("e1", romeo, iq(DOMAIN, "result", null)))).isEmpty();
        assertThat(router.route(received("e2", romeo, iq(DOMAIN, "error", null)))).isEmpty();
        assertThat(router.route(received("e3", romeo, iq(null, "result", null)))).isEmpty();
        assertThat(router.route(received("e4", romeo, iq("juliet@a.test", "result", null)))).isEmpty();
        assertThat(router.route(received("e5", romeo, iq("juliet@a.test", "error", null)))).isEmpty();
    }

    @Test
    void messageToTheDomainIsServiceUnavailableButWithoutToGoesToTheOwnAccount() {
        assertError(replyToRomeo(router.route(received("e1", romeo, message(DOMAIN, "chat"))), "e1"),
                "message", DOMAIN, "romeo@a.test/orchard", "service-unavailable");
        // RFC 6120 10.3.1: treated as addressed to the sender's bare JID, whose only resource is romeo's own
        assertThat(sessions(router.route(received("e2", romeo, message(null, "chat")))))
                .containsExactly(romeo.sessionId());
    }

    @Test
    void iqResultToAMissingResourceIsNeverAnsweredWithAnError() {
        assertThat(router.route(received("e1", romeo, iq("juliet@a.test/gone", "result", null)))).isEmpty();
    }

    @Test
    void presenceBroadcastIsNotRoutedHere() {
        bind("r2", "romeo@a.test/garden", "edge-r", true, 0);

        assertThat(router.route(received("e1", romeo, presence(null, null)))).isEmpty();
        assertThat(router.route(received("e2", romeo, presence(DOMAIN, null)))).isEmpty();
    }

    @Test
    void aResourceOfTheDomainItselfIsServiceUnavailable() {
        var event = received("e1", romeo, iq("a.test/admin", "get", ping()));

        assertError(replyToRomeo(router.route(event), "e1"), "iq", "a.test/admin", "romeo@a.test/orchard",
                "service-unavailable");
    }

    // --- elsewhere ---

    @Test
    void remoteDomainIsRemoteServerNotFound() {
        var event = received("e1", romeo, message("bob@b.test/home", "chat"));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertError(reply, "message", "bob@b.test/home", "romeo@a.test/orchard", "remote-server-not-found");
    }

    @Test
    void normalMessageToAMissingResourceIsBouncedNotRedirected() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        var event = received("e1", romeo, message("juliet@a.test/gone", "normal"));

        assertError(replyToRomeo(router.route(event), "e1"), "message", "juliet@a.test/gone",
                "romeo@a.test/orchard", "service-unavailable");
    }

    @Test
    void ourOwnUnservedSubdomainIsServiceUnavailable() {
        var event = received("e1", romeo, iq("sms.a.test", "get", ping()));

        assertError(replyToRomeo(router.route(event), "e1"), "iq", "sms.a.test", "romeo@a.test/orchard",
                "service-unavailable");
    }

    @Test
    void iqToARemoteDomainIsRemoteServerNotFound() {
        var event = received("e1", romeo, iq("b.test", "get", ping()));

        assertError(replyToRomeo(router.route(event), "e1"), "iq", "b.test", "romeo@a.test/orchard",
                "remote-server-not-found");
    }

    // --- the sender's own stream ---

    @Test
    void repliesGoToTheSendingStreamEvenBeforeTheDirectoryHasIt() {
        // a client pings right after binding: routing may not have read its directory entry yet
        directory.apply(romeo.sessionId(), null, e -> { });

        XmlElement reply = replyToRomeo(router.route(received("e1", romeo, iq(DOMAIN, "get", ping()))), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
    }

    @Test
    void repliesGoToTheSendingSessionNotToASuccessorOnTheSameFullJid() {
        var successor = new SessionEntry("r9", romeo.fullJid(), "edge-other", "inc", true, 0, Long.MAX_VALUE);
        directory.apply(successor.sessionId(), successor, e -> { });

        replyToRomeo(router.route(received("e1", romeo, iq(DOMAIN, "get", ping()))), "e1");
    }

    // --- idempotence ---

    @Test
    void deliveryIdsAreDerivedFromTheEventAndTheTargetSession() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, 5);
        var event = received("evt-42", romeo, message("juliet@a.test", "chat"));

        List<Delivery> first = router.route(event);
        List<Delivery> again = router.route(event);

        assertThat(first).extracting(d -> d.event().deliveryId())
                .containsExactlyInAnyOrder("evt-42/j1", "evt-42/j2");
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void reRoutingABatchYieldsTheSameDeliveries() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);
        List<StanzaReceivedEvent> batch = List.of(
                received("b1", romeo, message("juliet@a.test", "chat")),
                received("b2", romeo, message("nobody@a.test", "chat")),
                received("b3", romeo, iq(DOMAIN, "get", ping())),
                received("b4", romeo, message("juliet@a.test/a", "chat")));

        List<Delivery> first = batch.stream().flatMap(e -> router.route(e).stream()).toList();
        List<Delivery> second = batch.stream().flatMap(e -> router.route(e).stream()).toList();

        assertThat(first).extracting(d -> d.event().deliveryId())
                .containsExactly("b1/j1", "b2/reply", "b3/reply", "b4/j1");
        assertThat(second).isEqualTo(first);
    }
}
