package io.xsg.bridge;

import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The stanzas the bridge speaks on a handset's behalf: receipts and errors for the SMS it sent, and the handset's own
 * messages and presence. They go through routing like any stanza, as the edge would publish them.
 */
@Component
public class BridgeStanzas {

    private final String domain;
    private final String smsDomain;

    public BridgeStanzas(@Value("${gateway.xmpp.domain}") String domain) {
        this.domain = domain;
        this.smsDomain = "sms." + domain;
    }

    public String domain() {
        return domain;
    }

    /** A number's own address, {@code +E164@sms.<domain>}. */
    public String numberJid(String e164) {
        return e164 + "@" + smsDomain;
    }

    /** The address a submit's answers come from: what its sender wrote to. */
    private String answerFrom(SmsSubmits.Submit submit) {
        return submit.recipient() != null ? submit.recipient() : numberJid(submit.handset());
    }

    /** XEP-0184: the handset got it. */
    public StanzaReceivedEvent receipt(SmsSubmits.Submit submit) {
        XmlElement receipt = XmlElement.builder("message", Namespaces.CLIENT).attribute("from", answerFrom(submit))
                .attribute("to", submit.requester()).attribute("id", "receipt-" + submit.submitId())
                .child(XmlElement.builder("received", Namespaces.RECEIPTS).attribute("id", submit.stanzaId())
                        .build()).build();
        return event("sms/" + submit.submitId() + "/received", receipt);
    }

    /** The sender's message back as an error, as a server answers a message it could not deliver. */
    public StanzaReceivedEvent error(SmsSubmits.Submit submit, StanzaErrorCondition condition, String text) {
        var original = XmlElement.builder("message", Namespaces.CLIENT).attribute("from", submit.requester())
                .attribute("to", answerFrom(submit));
        if (submit.stanzaId() != null) {
            original.attribute("id", submit.stanzaId());
        }
        return event("sms/" + submit.submitId() + "/failed",
                StanzaErrors.errorReply(original.build(), condition, text));
    }

    /** A chat message the handset wrote. */
    public StanzaReceivedEvent chat(String eventId, String from, String to, String body) {
        XmlElement message = XmlElement.builder("message", Namespaces.CLIENT).attribute("from", from)
                .attribute("to", to).attribute("type", "chat").attribute("id", eventId.replace('/', '-'))
                .child(XmlElement.builder("body", Namespaces.CLIENT).text(body).build()).build();
        return event(eventId, message);
    }

    /** A presence (or subscription stanza) the pseudo client sends. */
    public StanzaReceivedEvent presence(String eventId, String from, String to, String type, Integer priority,
                                        String edgeId, String sessionId) {
        var presence = XmlElement.builder("presence", Namespaces.CLIENT).attribute("from", from);
        if (to != null) {
            presence.attribute("to", to);
        }
        if (type != null) {
            presence.attribute("type", type);
        }
        if (priority != null) {
            presence.child(XmlElement.builder("priority", Namespaces.CLIENT).text(priority.toString()).build());
        }
        XmlElement stanza = presence.build();
        return new StanzaReceivedEvent(eventId, "presence", type, from, to, stanza.toXml(), edgeId, sessionId,
                System.currentTimeMillis());
    }

    /** An IQ the pseudo client sends (a roster change). */
    public StanzaReceivedEvent iq(String eventId, String from, XmlElement iq, String edgeId, String sessionId) {
        return new StanzaReceivedEvent(eventId, "iq", iq.attribute("type"), from, iq.attribute("to"), iq.toXml(),
                edgeId, sessionId, System.currentTimeMillis());
    }

    public StanzaReceivedEvent event(String eventId, XmlElement stanza) {
        return new StanzaReceivedEvent(eventId, stanza.name(), stanza.attribute("type"), stanza.attribute("from"),
                stanza.attribute("to"), stanza.toXml(), null, null, System.currentTimeMillis());
    }
}
