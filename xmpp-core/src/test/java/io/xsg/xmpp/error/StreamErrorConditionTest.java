package io.xsg.xmpp.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamErrorConditionTest {

    @Test
    void coversEveryRfc6120Condition() {
        assertThat(StreamErrorCondition.values()).extracting(StreamErrorCondition::elementName).containsExactly(
                "bad-format", "bad-namespace-prefix", "conflict", "connection-timeout", "host-gone", "host-unknown",
                "improper-addressing", "internal-server-error", "invalid-from", "invalid-namespace", "invalid-xml",
                "not-authorized", "not-well-formed", "policy-violation", "remote-connection-failed", "reset",
                "resource-constraint", "restricted-xml", "see-other-host", "system-shutdown", "undefined-condition",
                "unsupported-encoding", "unsupported-feature", "unsupported-stanza-type", "unsupported-version");
    }

    @Test
    void toXmlWithoutText() {
        assertThat(StreamErrorCondition.RESTRICTED_XML.toXml(null)).isEqualTo(
                "<stream:error><restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        assertThat(StreamErrorCondition.RESTRICTED_XML.toXml("")).isEqualTo(StreamErrorCondition.RESTRICTED_XML.toXml(null));
    }

    @Test
    void toXmlWithEscapedText() {
        assertThat(StreamErrorCondition.POLICY_VIOLATION.toXml("stanza > 65536 bytes & <b>"))
                .isEqualTo("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>stanza &gt; 65536 bytes &amp; &lt;b&gt;</text>"
                        + "</stream:error>");
    }

    @Test
    void lookupByElementName() {
        assertThat(StreamErrorCondition.fromElementName("see-other-host")).isEqualTo(StreamErrorCondition.SEE_OTHER_HOST);
        assertThat(StreamErrorCondition.fromElementName("nope")).isNull();
    }
}
