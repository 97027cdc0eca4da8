package io.xsg.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.delivery.Delivery;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.ext.carbons.Carbons;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message Carbons (XEP-0280) and AMP expire-at (XEP-0079) as routing applies them. */
class CarbonsAndExpiryTest extends RouterFixture {

    private static XmlElement payloadOf(Delivery d) {
        return Stanzas.parse(d.event().payload());
    }

    @Test
    void theRecipientsAndTheSendersOtherCarbonResourcesGetCopies() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 5);
        bindWithCarbons("j2", "juliet@a.test/laptop", "edge-j", 0);
        bind("j3", "juliet@a.test/tablet", "edge-j", true, 0); // no carbons: nothing for it
        bindWithCarbons("r2", "romeo@a.test/desk", "edge-r", 0);
        var event = received("e1", romeo, message("juliet@a.test", "chat"));

        List<Delivery> out = route(event);

        assertThat(sessions(out)).containsExactlyInAnyOrder("j1", "r2", "j2");
        XmlElement sent = payloadOf(out.stream().filter(d -> d.event().sessionId().equals("r2")).findFirst().get());
        assertThat(sent.attribute("from")).isEqualTo("romeo@a.test");
        assertThat(sent.attribute("to")).isEqualTo("romeo@a.test/desk");
        XmlElement forwarded = sent.firstChild("sent", Carbons.NAMESPACE).firstChild("forwarded", Carbons.FORWARD_NS)
                .firstChild("message", CLIENT);
        assertThat(forwarded.attribute("to")).isEqualTo("juliet@a.test");
        assertThat(forwarded.firstChild("body", CLIENT).text()).isEqualTo("hi");
        XmlElement received = payloadOf(out.stream().filter(d -> d.event().sessionId().equals("j2")).findFirst()
                .get());
        assertThat(received.attribute("from")).isEqualTo("juliet@a.test");
        assertThat(received.firstChild("received", Carbons.NAMESPACE)).isNotNull();
    }

    @Test
    void theRecipientsOwnDeliveryIsSharedWhenItsOtherResourceGetsACopy() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 5);
        bindWithCarbons("j2", "juliet@a.test/laptop", "edge-j", 0);
        List<Delivery> out = route(received("e1", romeo, message("juliet@a.test", "chat")));
        assertThat(out.stream().filter(d -> d.event().sessionId().equals("j1")).findFirst().get().event().shared())
                .as("a dying phone stream need not send it round again: the laptop has its copy").isTrue();
    }

    @Test
    void theSendersOtherResourcesGetASentCopyWhenTheRecipientIsOffline() {
        bindWithCarbons("r2", "romeo@a.test/desk", "edge-r", 0);
        Routed routed = router.route(received("e1", romeo, message("juliet@a.test", "chat")));

        assertThat(routed.forward()).as("stored for juliet").isNotNull();
        assertThat(routed.forward().purpose()).isEqualTo(io.xsg.events.v1.AccountStanzaEvent.Purpose.OFFLINE_MESSAGE);
        assertThat(sessions(routed.deliveries())).containsExactly("r2");
        assertThat(payloadOf(routed.deliveries().get(0)).firstChild("sent", Carbons.NAMESPACE)).isNotNull();
    }

    @Test
    void privateMessagesHeadlinesAndCarbonsThemselvesAreNotCopied() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 5);
        bindWithCarbons("j2", "juliet@a.test/laptop", "edge-j", 0);
        XmlElement privateChat = XmlElement.builder("message", CLIENT).attribute("to", "juliet@a.test").attribute("type", "chat")
                .child(XmlElement.builder("body", CLIENT).text("secret").build())
                .child(XmlElement.builder("private", Carbons.NAMESPACE).build()).build();

        assertThat(sessions(route(received("e1", romeo, privateChat)))).containsExactly("j1");
        assertThat(sessions(route(received("e2", romeo, message("juliet@a.test", "headline")))))
                .containsExactlyInAnyOrder("j1", "j2"); // headline goes to every non-negative resource, no copy
        var bodyless = XmlElement.builder("message", CLIENT).attribute("to", "juliet@a.test").build();
        assertThat(sessions(route(received("e3", romeo, bodyless)))).containsExactly("j1");
    }

    @Test
    void aMessageToAFullJidIsCopiedToTheRecipientsOtherCarbonResource() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 5);
        bindWithCarbons("j2", "juliet@a.test/laptop", "edge-j", 0);

        assertThat(sessions(route(received("e1", romeo, message("juliet@a.test/phone", "chat")))))
                .containsExactlyInAnyOrder("j1", "j2");
        assertThat(sessions(route(received("e2", romeo, message("juliet@a.test/laptop", "chat")))))
                .as("the carbon resource is the target: no copy to itself").containsExactly("j2");
    }

    private XmlElement expiring(String at, String action) {
        return XmlElement.builder("message", CLIENT).attribute("to", "juliet@a.test").attribute("type", "chat")
                .attribute("id", "x1")
                .child(XmlElement.builder("body", CLIENT).text("soon stale").build())
                .child(XmlElement.builder("amp", Amp.NAMESPACE).child(XmlElement.builder("rule", Amp.NAMESPACE)
                        .attribute("condition", "expire-at").attribute("action", action).attribute("value", at)
                        .build()).build()).build();
    }

    @Test
    void aMessageStillValidIsDeliveredAnExpiredOneIsDroppedOrReported() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 0);

        assertThat(sessions(route(received("e1", romeo, expiring("2026-12-01T12:00:01Z", "drop")))))
                .containsExactly("j1");
        assertThat(route(received("e2", romeo, expiring("2026-12-01T11:59:59Z", "drop")))).isEmpty();

        XmlElement error = replyToRomeo(route(received("e3", romeo, expiring("2026-12-01T12:00:00Z", "error"))),
                "e3");
        assertError(error, "message", DOMAIN, "romeo@a.test/orchard", "undefined-condition");
        assertThat(error.firstChild("error", CLIENT).firstChild("failed-rules", Amp.ERRORS_NAMESPACE)).isNotNull();

        XmlElement alert = replyToRomeo(route(received("e4", romeo, expiring("2026-01-01T00:00:00+01:00", "alert"))),
                "e4");
        assertThat(alert.attribute("type")).isNull();
        assertThat(alert.firstChild("amp", Amp.NAMESPACE).attribute("status")).isEqualTo("alert");
    }

    @Test
    void aTextToANumberThatIsAlreadyStaleIsNotSent() {
        XmlElement stale = expiring("2026-12-01T11:59:59Z", "drop").withAttribute("to", "+1234555666@sms.a.test");
        assertThat(router.route(received("e1", romeo, stale))).isEqualTo(Routed.NOTHING);
        XmlElement fresh = expiring("2026-12-01T12:00:01Z", "drop").withAttribute("to", "+1234555666@sms.a.test");
        assertThat(router.route(received("e2", romeo, fresh)).destination()).isEqualTo(Routed.Destination.SMS_BRIDGE);
    }

    @Test
    void rulesThisServerCannotHonourAreRefused() {
        bind("j1", "juliet@a.test/phone", "edge-j", true, 0);
        XmlElement deliverRule = XmlElement.builder("message", CLIENT).attribute("to", "juliet@a.test")
                .child(XmlElement.builder("amp", Amp.NAMESPACE).child(XmlElement.builder("rule", Amp.NAMESPACE)
                        .attribute("condition", "deliver").attribute("action", "drop").attribute("value", "stored")
                        .build()).build()).build();

        XmlElement reply = replyToRomeo(route(received("e1", romeo, deliverRule)), "e1");
        assertError(reply, "message", DOMAIN, "romeo@a.test/orchard", "bad-request");
        assertThat(reply.firstChild("error", CLIENT).firstChild("unsupported-conditions", Amp.NAMESPACE)).isNotNull();

        XmlElement notifyAction = expiring("2027-01-01T00:00:00Z", "notify");
        reply = replyToRomeo(route(received("e2", romeo, notifyAction)), "e2");
        assertThat(reply.firstChild("error", CLIENT).firstChild("unsupported-actions", Amp.NAMESPACE)).isNotNull();
    }
}
