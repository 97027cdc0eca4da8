package io.xsg.routing.rule;

import io.xsg.delivery.Delivery;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.stanza.ClientStamp;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6121 §8.5 and RFC 6120 §10.3 as {@link StanzaRouter} implements them, on a real {@link SessionDirectory}. */
/**
 * What the router tests share: a real {@link SessionDirectory} with romeo bound, events built as the edge builds
 * them, and assertions on the replies.
 */
abstract class RouterFixture {

    static final String DOMAIN = "a.test";
    static final String CLIENT = Namespaces.CLIENT;
    static final String STANZAS = StanzaErrorCondition.NAMESPACE;

    final SessionDirectory directory = new SessionDirectory();
    final java.time.Instant now = java.time.Instant.parse("2026-12-01T12:00:00Z");
    final StanzaRouter router = new StanzaRouter(DOMAIN, directory,
            java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));

    /** The deliveries alone, for rules that forward nothing. */
    List<Delivery> route(StanzaReceivedEvent event) {
        return router.route(event).deliveries();
    }

    /** The sender of most stanzas below. */
    final SessionEntry romeo = bind("r1", "romeo@a.test/orchard", "edge-r", true, 0);

    SessionEntry bind(String sessionId, String fullJid, String edgeId, boolean available, int priority) {
        var entry = new SessionEntry(sessionId, fullJid, edgeId, "inc", available, priority, System.nanoTime());
        directory.apply(sessionId, entry, e -> { });
        return entry;
    }

    SessionEntry bindWithCarbons(String sessionId, String fullJid, String edgeId, int priority) {
        var entry = new SessionEntry(sessionId, fullJid, edgeId, "inc", true, priority, System.nanoTime())
                .withCarbons(true);
        directory.apply(sessionId, entry, e -> { });
        return entry;
    }

    /** As the edge builds it: {@code from} stamped with the sender's full JID, serialised in jabber:client. */
    static StanzaReceivedEvent received(String eventId, SessionEntry sender, XmlElement stanza) {
        var stamped = (ClientStamp.Stamped) ClientStamp.stamp(stanza, sender.fullJid(), sender.bareJid(), DOMAIN);
        return new StanzaReceivedEvent(eventId, stanza.name(), stanza.attribute("type"), sender.fullJid(),
                stamped.to(), stamped.stanza().toXml(), sender.edgeId(), sender.sessionId(), 0L);
    }

    static XmlElement message(String to, String type) {
        var b = XmlElement.builder("message", CLIENT).attribute("id", "m1");
        if (to != null) {
            b.attribute("to", to);
        }
        if (type != null) {
            b.attribute("type", type);
        }
        return b.child(XmlElement.builder("body", CLIENT).text("hi").build()).build();
    }

    static XmlElement presence(String to, String type) {
        var b = XmlElement.builder("presence", CLIENT);
        if (to != null) {
            b.attribute("to", to);
        }
        if (type != null) {
            b.attribute("type", type);
        }
        return b.build();
    }

    static XmlElement iq(String to, String type, XmlElement payload) {
        var b = XmlElement.builder("iq", CLIENT).attribute("id", "q1").attribute("type", type);
        if (to != null) {
            b.attribute("to", to);
        }
        if (payload != null) {
            b.child(payload);
        }
        return b.build();
    }

    static XmlElement ping() {
        return XmlElement.builder("ping", ServerIqHandler.PING_NS).build();
    }

    static XmlElement discoInfo() {
        return XmlElement.builder("query", ServerIqHandler.DISCO_INFO_NS).build();
    }

    static List<String> sessions(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.event().sessionId()).toList();
    }

    /** The single reply in {@code deliveries}, checked to go back to {@link #romeo}'s stream, parsed. */
    XmlElement replyToRomeo(List<Delivery> deliveries, String eventId) {
        assertThat(deliveries).hasSize(1);
        Delivery d = deliveries.get(0);
        assertThat(d.edgeId()).isEqualTo(romeo.edgeId());
        assertThat(d.event().sessionId()).isEqualTo(romeo.sessionId());
        assertThat(d.event().action()).isEqualTo(EdgeDeliveryEvent.Action.STANZA);
        assertThat(d.event().deliveryId()).isEqualTo(eventId + "/reply");
        return Stanzas.parse(d.event().payload());
    }

    static void assertError(XmlElement reply, String name, String from, String to, String condition) {
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
}
