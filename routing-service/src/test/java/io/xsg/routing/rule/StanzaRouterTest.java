package io.xsg.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.delivery.Delivery;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.AccountStanzaEvent.Purpose;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
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

        List<Delivery> out = route(event);

        assertThat(out).containsExactly(new Delivery("edge-j",
                EdgeDeliveryEvent.stanza("e1/" + phone.sessionId(), phone.sessionId(), event.xml())));
        XmlElement delivered = Stanzas.parse(out.get(0).event().payload());
        assertThat(delivered.attribute("from")).isEqualTo("romeo@a.test/orchard");
        assertThat(delivered.firstChild("body", CLIENT).text()).isEqualTo("hi");
    }

    @Test
    void stanzasToABoundFullJidAreDeliveredEvenWhenUnavailableOrNegative() {
        bind("j1", "juliet@a.test/phone", "edge-j", false, -5);

        assertThat(sessions(route(received("e1", romeo, message("juliet@a.test/phone", "normal")))))
                .containsExactly("j1");
        assertThat(sessions(route(received("e2", romeo, iq("juliet@a.test/phone", "get", ping())))))
                .containsExactly("j1");
    }

    @Test
    void chatToAMissingResourceFallsBackToTheBareJidRules() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        bind("j2", "juliet@a.test/laptop", "edge-j", true, 3);

        // §8.5.3.2.1 point 2; "normal" is deliberately not pinned here: the RFC lets it only be ignored or bounced
        assertThat(sessions(route(received("e1", romeo, message("juliet@a.test/gone", "chat")))))
                .containsExactly("j2");
    }

    @Test
    void chatToAMissingResourceOfAnOfflineAccountGoesToOfflineStorage() {
        var event = received("e1", romeo, message("juliet@a.test/gone", "chat"));

        assertForwarded(router.route(event), "juliet@a.test", Purpose.OFFLINE_MESSAGE, event);
    }

    @Test
    void normalMessageToAMissingResourceIsBouncedNotRedirected() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        var event = received("e1", romeo, message("juliet@a.test/gone", "normal"));

        assertError(replyToRomeo(route(event), "e1"), "message", "juliet@a.test/gone",
                "romeo@a.test/orchard", "service-unavailable");
    }

    @Test
    void headlineGroupchatAndErrorToAMissingResourceAreDropped() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);

        assertThat(route(received("e1", romeo, message("juliet@a.test/gone", "headline")))).isEmpty();
        assertThat(route(received("e2", romeo, message("juliet@a.test/gone", "groupchat")))).isEmpty();
        assertThat(route(received("e3", romeo, message("juliet@a.test/gone", "error")))).isEmpty();
    }

    @Test
    void iqToAMissingResourceIsServiceUnavailable() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);
        var event = received("e1", romeo, iq("juliet@a.test/gone", "get", ping()));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertError(reply, "iq", "juliet@a.test/gone", "romeo@a.test/orchard", "service-unavailable");
        assertThat(reply.attribute("id")).isEqualTo("q1");
        assertThat(reply.firstChild("ping", ServerIqHandler.PING_NS)).isNull(); // an iq error carries no payload
    }

    @Test
    void iqResultOrErrorToAMissingResourceIsNotAnsweredWithAnError() {
        assertThat(route(received("e1", romeo, iq("juliet@a.test/gone", "error", null)))).isEmpty();
        assertThat(route(received("e2", romeo, iq("juliet@a.test/gone", "result", null)))).isEmpty();
    }

    @Test
    void presenceToAMissingResourceIsDropped() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 1);

        assertThat(route(received("e1", romeo, presence("juliet@a.test/gone", null)))).isEmpty();
        assertThat(route(received("e2", romeo, presence("juliet@a.test/gone", "unavailable")))).isEmpty();
    }

    // --- to a bare JID ---

    @Test
    void chatToABareJidGoesToAllHighestPriorityAvailableSessions() {
        var a = bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        var b = bind("j2", "juliet@a.test/b", "edge-k", true, 5);
        bind("j3", "juliet@a.test/c", "edge-j", true, 1);
        bind("j4", "juliet@a.test/d", "edge-j", false, 50);
        var event = received("e1", romeo, message("juliet@a.test", "chat"));

        List<Delivery> out = route(event);

        // marked shared: if one stream dies before acknowledging it, the other already has it
        assertThat(out).containsExactlyInAnyOrder(
                new Delivery("edge-j", EdgeDeliveryEvent.stanza("e1/j1", a.sessionId(), event.xml()).asShared()),
                new Delivery("edge-k", EdgeDeliveryEvent.stanza("e1/j2", b.sessionId(), event.xml()).asShared()));
    }

    @Test
    void aMessageToOneSessionIsNotShared() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        assertThat(route(received("e1", romeo, message("juliet@a.test", "chat"))))
                .singleElement().satisfies(d -> assertThat(d.event().shared()).isFalse());
    }

    @Test
    void normalMessageToABareJidFollowsTheSameRuleAsChat() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 2);
        bind("j2", "juliet@a.test/b", "edge-j", true, 1);

        assertThat(sessions(route(received("e1", romeo, message("juliet@a.test", null)))))
                .containsExactly("j1");
        assertThat(sessions(route(received("e2", romeo, message("juliet@a.test", "normal")))))
                .containsExactly("j1");
    }

    @Test
    void headlineToABareJidGoesToEveryNonNegativeAvailableSession() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, 0);
        bind("j3", "juliet@a.test/c", "edge-j", true, -1);
        bind("j4", "juliet@a.test/d", "edge-j", false, 3);

        assertThat(sessions(route(received("e1", romeo, message("juliet@a.test", "headline")))))
                .containsExactlyInAnyOrder("j1", "j2");
    }

    @Test
    void headlineToAnAccountWithoutAvailableSessionsIsDroppedSilently() {
        bind("j1", "juliet@a.test/a", "edge-j", true, -1);

        assertThat(route(received("e1", romeo, message("juliet@a.test", "headline")))).isEmpty();
    }

    @Test
    void chatAndNormalToABareJidWithNoAvailableSessionGoToOfflineStorage() {
        bind("j1", "juliet@a.test/a", "edge-j", false, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, -1);
        for (String type : new String[] {"chat", "normal", null}) {
            var event = received("e1", romeo, message("juliet@a.test", type));
            assertForwarded(router.route(event), "juliet@a.test", Purpose.OFFLINE_MESSAGE, event);
        }
    }

    @Test
    void chatToAnUnknownAccountIsTheSessionServicesToAnswer() {
        // routing cannot tell an offline account from none: the session service knows the accounts
        var event = received("e1", romeo, message("nobody@a.test", "chat"));

        assertForwarded(router.route(event), "nobody@a.test", Purpose.OFFLINE_MESSAGE, event);
    }

    @Test
    void errorMessagesAreNeverBounced() {
        // no session at all, a missing resource, a remote domain, a server domain: never an error for an error
        assertThat(route(received("e1", romeo, message("juliet@a.test", "error")))).isEmpty();
        assertThat(route(received("e2", romeo, message("juliet@a.test/gone", "error")))).isEmpty();
        assertThat(route(received("e3", romeo, message("bob@b.test", "error")))).isEmpty();
        assertThat(route(received("e4", romeo, message("a.test/x", "error")))).isEmpty();
        assertThat(route(received("e5", romeo, message(DOMAIN, "error")))).isEmpty();
    }

    @Test
    void errorMessageToAnAvailableBareJidIsNotDeliveredEither() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);

        assertThat(route(received("e1", romeo, message("juliet@a.test", "error")))).isEmpty();
    }

    @Test
    void groupchatToABareJidIsServiceUnavailableEvenWithSessionsOnline() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);
        var event = received("e1", romeo, message("juliet@a.test", "groupchat"));

        assertError(replyToRomeo(route(event), "e1"),
                "message", "juliet@a.test", "romeo@a.test/orchard", "service-unavailable");
    }

    @Test
    void everyPresenceAUserSendsIsForwardedToItsAccount() {
        // broadcast, directed, subscription requests and answers, local or remote: the roster decides
        for (XmlElement p : List.of(presence(null, null), presence(null, "unavailable"),
                presence("juliet@a.test", null), presence("juliet@a.test/x", "unavailable"),
                presence("juliet@a.test", "subscribe"), presence("bob@b.test", "subscribed"),
                presence("juliet@a.test", "unsubscribe"), presence("juliet@a.test", "unsubscribed"))) {
            var event = received("e1", romeo, p);
            assertForwarded(router.route(event), "romeo@a.test", Purpose.OUTBOUND_PRESENCE, event);
        }
    }

    @Test
    void presenceErrorsAreDeliveredAndProbesFromClientsIgnored() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);
        bind("j2", "juliet@a.test/b", "edge-j", false, 0);

        assertThat(sessions(route(received("e1", romeo, presence("juliet@a.test", "error")))))
                .containsExactly("j1");
        assertThat(sessions(route(received("e2", romeo, presence("juliet@a.test/b", "error")))))
                .containsExactly("j2");
        assertThat(router.route(received("e3", romeo, presence("juliet@a.test", "probe"))))
                .isEqualTo(Routed.NOTHING);
    }

    @Test
    void rosterIqsGoToTheSendersAccountAndAnotherUsersRosterIsForbidden() {
        XmlElement query = XmlElement.builder("query", StanzaRouter.ROSTER_NS).build();
        var get = received("e1", romeo, iq(null, "get", query));
        assertForwarded(router.route(get), "romeo@a.test", Purpose.ROSTER, get);
        var own = received("e2", romeo, iq("romeo@a.test", "set", query));
        assertForwarded(router.route(own), "romeo@a.test", Purpose.ROSTER, own);

        assertError(replyToRomeo(route(received("e3", romeo, iq("juliet@a.test", "get", query))), "e3"),
                "iq", "juliet@a.test", "romeo@a.test/orchard", "forbidden");
    }

    @Test
    void presenceIsNeverBounced() {
        assertThat(route(received("e1", romeo, presence("nobody@a.test", null)))).isEmpty();
        assertThat(route(received("e2", romeo, presence("bob@b.test", "subscribe")))).isEmpty();
        assertThat(route(received("e3", romeo, presence("a.test/x", null)))).isEmpty();
        assertThat(route(received("e4", romeo, presence("bob@b.test", "error")))).isEmpty();
    }

    @Test
    void iqToABareJidIsAnsweredByTheServerOnTheAccountsBehalf() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        var event = received("e1", romeo, iq("juliet@a.test", "get", ping()));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(reply.attribute("from")).isEqualTo("juliet@a.test");
        assertThat(reply.attribute("to")).isEqualTo("romeo@a.test/orchard");
        assertThat(reply.attribute("id")).isEqualTo("q1");
    }

    @Test
    void discoInfoToABareJidIsServiceUnavailable() {
        var event = received("e1", romeo, iq("juliet@a.test", "get", discoInfo()));

        assertError(replyToRomeo(route(event), "e1"),
                "iq", "juliet@a.test", "romeo@a.test/orchard", "service-unavailable");
    }

    // --- elsewhere ---

    @Test
    void remoteDomainIsRemoteServerNotFound() {
        var event = received("e1", romeo, message("bob@b.test/home", "chat"));

        XmlElement reply = replyToRomeo(route(event), "e1");

        assertError(reply, "message", "bob@b.test/home", "romeo@a.test/orchard", "remote-server-not-found");
    }

    @Test
    void ourOwnUnservedSubdomainIsServiceUnavailable() {
        var event = received("e1", romeo, iq("sms.a.test", "get", ping()));

        assertError(replyToRomeo(route(event), "e1"), "iq", "sms.a.test", "romeo@a.test/orchard",
                "service-unavailable");
    }

    @Test
    void iqToARemoteDomainIsRemoteServerNotFound() {
        var event = received("e1", romeo, iq("b.test", "get", ping()));

        assertError(replyToRomeo(route(event), "e1"), "iq", "b.test", "romeo@a.test/orchard",
                "remote-server-not-found");
    }

    @Test
    void everyOutcomeNamesItsDestination() {
        bind("j1", "juliet@a.test/balcony", "edge-j", true, 0);
        assertThat(router.route(received("e1", romeo, message("juliet@a.test", "chat"))).destination())
                .isEqualTo(Routed.Destination.SESSIONS);
        assertThat(router.route(received("e2", romeo, message("nurse@a.test", "chat"))).destination())
                .isEqualTo(Routed.Destination.STORAGE);
        assertThat(router.route(received("e3", romeo, presence(null, null))).destination())
                .isEqualTo(Routed.Destination.ACCOUNT);
        assertThat(router.route(received("e4", romeo, iq("a.test", "get", ping()))).destination())
                .isEqualTo(Routed.Destination.SENDER);
        assertThat(router.route(received("e5", romeo, message("+1234555666@sms.a.test", "chat"))).destination())
                .isEqualTo(Routed.Destination.SMS_BRIDGE);
        // not served yet: back to the sender as an error
        assertThat(router.route(received("e6", romeo, message("bob@b.test", "chat"))).destination())
                .isEqualTo(Routed.Destination.SENDER);
        assertThat(router.route(received("e7", romeo, message("juliet@a.test", "error"))).destination())
                .isEqualTo(Routed.Destination.NOWHERE);
    }

    @Test
    void aMessageToAPhoneNumberGoesToTheBridgeKeyedByTheNumber() {
        var event = received("e1", romeo, message("+1234555666@sms.a.test", "chat"));

        assertForwarded(router.route(event), "+1234555666", Purpose.SMS_OUTBOUND, event);
    }

    @Test
    void aPhoneAnswersNoIqAndTheBridgesOwnAddressNothingYet() {
        var iq = received("e1", romeo, iq("+1234555666@sms.a.test", "get", ping()));
        assertError(replyToRomeo(route(iq), "e1"), "iq", "+1234555666@sms.a.test", "romeo@a.test/orchard",
                "service-unavailable");
        var toBridge = received("e2", romeo, message("sms.a.test", "chat"));
        assertError(replyToRomeo(route(toBridge), "e2"), "message", "sms.a.test", "romeo@a.test/orchard",
                "service-unavailable");
        assertThat(router.route(received("e3", romeo, message("+1234555666@sms.a.test", "error"))))
                .isEqualTo(Routed.NOTHING);
    }

    // --- the sender's own stream ---

    @Test
    void repliesGoToTheSendingStreamEvenBeforeTheDirectoryHasIt() {
        // a client pings right after binding: routing may not have read its directory entry yet
        directory.apply(romeo.sessionId(), null, e -> { });

        XmlElement reply = replyToRomeo(route(received("e1", romeo, iq(DOMAIN, "get", ping()))), "e1");

        assertThat(reply.attribute("type")).isEqualTo("result");
    }

    @Test
    void repliesGoToTheSendingSessionNotToASuccessorOnTheSameFullJid() {
        var successor = new SessionEntry("r9", romeo.fullJid(), "edge-other", "inc", true, 0, Long.MAX_VALUE);
        directory.apply(successor.sessionId(), successor, e -> { });

        replyToRomeo(route(received("e1", romeo, iq(DOMAIN, "get", ping()))), "e1");
    }

    // --- idempotence ---

    @Test
    void deliveryIdsAreDerivedFromTheEventAndTheTargetSession() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 5);
        bind("j2", "juliet@a.test/b", "edge-j", true, 5);
        var event = received("evt-42", romeo, message("juliet@a.test", "chat"));

        List<Delivery> first = route(event);
        List<Delivery> again = route(event);

        assertThat(first).extracting(d -> d.event().deliveryId())
                .containsExactlyInAnyOrder("evt-42/j1", "evt-42/j2");
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void reRoutingABatchYieldsTheSameDeliveries() {
        bind("j1", "juliet@a.test/a", "edge-j", true, 0);
        List<StanzaReceivedEvent> batch = List.of(
                received("b1", romeo, message("juliet@a.test", "chat")),
                received("b2", romeo, message("nobody@a.test", "error")),
                received("b3", romeo, iq(DOMAIN, "get", ping())),
                received("b4", romeo, message("juliet@a.test/a", "chat")));

        List<Delivery> first = batch.stream().flatMap(e -> route(e).stream()).toList();
        List<Delivery> second = batch.stream().flatMap(e -> route(e).stream()).toList();

        assertThat(first).extracting(d -> d.event().deliveryId())
                .containsExactly("b1/j1", "b3/reply", "b4/j1");
        assertThat(second).isEqualTo(first);
    }

    static void assertForwarded(Routed routed, String account, Purpose purpose, StanzaReceivedEvent event) {
        assertThat(routed.deliveries()).as("nothing delivered").isEmpty();
        assertThat(routed.forward()).isEqualTo(new AccountStanzaEvent(account, purpose, event));
    }
}
