package io.xsg.xmpp.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.xmpp.xml.XmlAttribute;
import io.xsg.xmpp.xml.XmlElement;
import org.junit.jupiter.api.Test;

class StanzaErrorsTest {

    private final XmlElement message = XmlElement.builder("message", "jabber:client")
            .attribute("from", "juliet@example.com/balcony")
            .attribute("id", "m1")
            .attribute("to", "+15551234@sms.example.com")
            .attribute("type", "chat")
            .attribute(XmlAttribute.xmlLang("en"))
            .child(XmlElement.builder("body", "jabber:client").text("hi").build())
            .build();

    @Test
    void messageReplyKeepsPayloadAndSwapsAddresses() {
        XmlElement reply = StanzaErrors.errorReply(message, StanzaErrorCondition.SERVICE_UNAVAILABLE, "SMSC down <temporarily>");

        assertThat(reply.toXml()).isEqualTo("<message id='m1' xml:lang='en' to='juliet@example.com/balcony'"
                + " from='+15551234@sms.example.com' type='error'><body>hi</body>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>SMSC down &lt;temporarily&gt;</text></error></message>");
        assertThat(StanzaErrors.isError(reply)).isTrue();
        assertThat(StanzaErrors.isError(message)).isFalse();
    }

    @Test
    void iqReplyDropsPayloadAndMissingFromBecomesMissingTo() {
        XmlElement iq = XmlElement.builder("iq", "jabber:client")
                .attribute("id", "q1")
                .attribute("type", "get")
                .attribute("to", "sms.example.com")
                .child(XmlElement.builder("query", "http://jabber.org/protocol/disco#info").build())
                .build();

        XmlElement reply = StanzaErrors.errorReply(iq, StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED, null);

        assertThat(reply.toXml()).isEqualTo("<iq id='q1' from='sms.example.com' type='error'><error type='cancel'>"
                + "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        assertThat(reply.attribute("to")).isNull();
    }

    @Test
    void usesTheConditionsDefaultType() {
        XmlElement presence = XmlElement.builder("presence", "jabber:client").attribute("from", "a@b").build();

        XmlElement reply = StanzaErrors.errorReply(presence, StanzaErrorCondition.REMOTE_SERVER_TIMEOUT, "");

        assertThat(reply.toXml()).isEqualTo("<presence to='a@b' type='error'><error type='wait'>"
                + "<remote-server-timeout xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
    }

    @Test
    void neverAnswersAnErrorWithAnError() {
        XmlElement error = message.withAttribute("type", "error");

        assertThatThrownBy(() -> StanzaErrors.errorReply(error, StanzaErrorCondition.BAD_REQUEST, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyConditionHasTheRfcType() {
        assertThat(StanzaErrorCondition.values()).hasSize(22);
        assertThat(StanzaErrorCondition.SERVICE_UNAVAILABLE.defaultType()).isEqualTo(StanzaErrorType.CANCEL);
        assertThat(StanzaErrorCondition.ITEM_NOT_FOUND.defaultType()).isEqualTo(StanzaErrorType.CANCEL);
        assertThat(StanzaErrorCondition.BAD_REQUEST.defaultType()).isEqualTo(StanzaErrorType.MODIFY);
        assertThat(StanzaErrorCondition.NOT_AUTHORIZED.defaultType()).isEqualTo(StanzaErrorType.AUTH);
        assertThat(StanzaErrorCondition.RESOURCE_CONSTRAINT.defaultType()).isEqualTo(StanzaErrorType.WAIT);
        assertThat(StanzaErrorCondition.RECIPIENT_UNAVAILABLE.defaultType()).isEqualTo(StanzaErrorType.WAIT);
        assertThat(StanzaErrorCondition.FORBIDDEN.defaultType()).isEqualTo(StanzaErrorType.AUTH);
        assertThat(StanzaErrorCondition.JID_MALFORMED.defaultType()).isEqualTo(StanzaErrorType.MODIFY);
        assertThat(StanzaErrorCondition.POLICY_VIOLATION.defaultType()).isEqualTo(StanzaErrorType.MODIFY);
        assertThat(StanzaErrorCondition.GONE.defaultType()).isEqualTo(StanzaErrorType.CANCEL);
        assertThat(StanzaErrorCondition.REDIRECT.defaultType()).isEqualTo(StanzaErrorType.MODIFY);
        assertThat(StanzaErrorCondition.SUBSCRIPTION_REQUIRED.defaultType()).isEqualTo(StanzaErrorType.AUTH);
        assertThat(StanzaErrorCondition.UNEXPECTED_REQUEST.defaultType()).isEqualTo(StanzaErrorType.WAIT);
        assertThat(StanzaErrorCondition.NOT_ALLOWED.defaultType()).isEqualTo(StanzaErrorType.CANCEL);
        assertThat(StanzaErrorCondition.fromElementName("item-not-found")).isEqualTo(StanzaErrorCondition.ITEM_NOT_FOUND);
        assertThat(StanzaErrorType.CONTINUE.value()).isEqualTo("continue");
    }
}
