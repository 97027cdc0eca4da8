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

/** RFC 6121 §8.5 as {@link StanzaRouter} implements it for accounts, remote domains and replies. */
class StanzaRouterTest extends RouterFixture {

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
    void normalMessageToAMissingResourceIsBouncedNotRedirected() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        var event = received("e1", romeo, message("juliet@a.test/gone", "normal"));

        assertError(replyToRomeo(router.route(event), "e1"), "message", "juliet@a.test/gone",
                "romeo@a.test/orchard", "service-unavailable");
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
        assertThat(router.route(received("e2", romeo, iq("juliet@a.test/gone", "result", null)))).isEmpty();
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

    // --- elsewhere ---

    @Test
    void remoteDomainIsRemoteServerNotFound() {
        var event = received("e1", romeo, message("bob@b.test/home", "chat"));

        XmlElement reply = replyToRomeo(router.route(event), "e1");

        assertError(reply, "message", "bob@b.test/home", "romeo@a.test/orchard", "remote-server-not-found");
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
