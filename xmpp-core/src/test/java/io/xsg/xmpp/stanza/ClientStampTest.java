package io.xsg.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import org.junit.jupiter.api.Test;

class ClientStampTest {

    private static final String JOE = "joe@a.test/phone";

    private static XmlElement message(String from, String to) {
        var b = XmlElement.builder("message", Namespaces.CLIENT);
        if (from != null) {
            b.attribute("from", from);
        }
        if (to != null) {
            b.attribute("to", to);
        }
        return b.build();
    }

    @Test
    void fromBecomesTheSessionsJidAndToIsNormalised() {
        var result = ClientStamp.stamp(message(null, "Bob@A.Test/PC"), JOE, "joe@a.test", "a.test");
        assertThat(result).isInstanceOfSatisfying(ClientStamp.Stamped.class, s -> {
            assertThat(s.to()).isEqualTo("bob@a.test/PC");
            assertThat(s.stanza().attribute("from")).isEqualTo(JOE);
            assertThat(s.stanza().attribute("to")).isEqualTo("bob@a.test/PC");
        });
    }

    @Test
    void theClientMayNameItselfByFullOrBareJidOnly() {
        assertThat(ClientStamp.stamp(message("joe@a.test", null), JOE, "joe@a.test", "a.test"))
                .isInstanceOf(ClientStamp.Stamped.class);
        assertThat(ClientStamp.stamp(message(JOE, null), JOE, "joe@a.test", "a.test"))
                .isInstanceOf(ClientStamp.Stamped.class);
        assertThat(ClientStamp.stamp(message("ann@a.test", null), JOE, "joe@a.test", "a.test"))
                .isInstanceOf(ClientStamp.InvalidFrom.class);
        assertThat(ClientStamp.stamp(message("joe@a.test/other", null), JOE, "joe@a.test", "a.test"))
                .isInstanceOf(ClientStamp.InvalidFrom.class);
    }

    @Test
    void aMalformedToIsReportedAndTheDomainTakesItsConfiguredCase() {
        assertThat(ClientStamp.stamp(message(null, "@a.test"), JOE, "joe@a.test", "a.test"))
                .isInstanceOf(ClientStamp.MalformedTo.class);
        assertThat(ClientStamp.stamp(message(null, "A.TEST"), JOE, "joe@a.test", "a.test"))
                .isInstanceOfSatisfying(ClientStamp.Stamped.class, s -> assertThat(s.to()).isEqualTo("a.test"));
    }
}
