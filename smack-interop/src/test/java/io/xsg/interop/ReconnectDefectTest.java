package io.xsg.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

/** Which failures of Smack's suite {@link SmackIntegrationSuiteIT} runs once more, and which fail the build at once. */
class ReconnectDefectTest {

    /** What the edge sends when a fresh stream starts with an {@code <iq/>} (xmpp-core's XmlStreamParser). */
    private static final String NO_HEADER = "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<invalid-namespace xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>root must be stream in "
            + "http://etherx.jabber.org/streams, got iq in &apos;&apos;</text></stream:error>";

    private static XMPPException.StreamErrorException streamError(String xml) throws Exception {
        return new XMPPException.StreamErrorException(
                PacketParserUtils.parseStreamError(PacketParserUtils.getParserFor(xml)));
    }

    @Test
    void aStanzaBeforeTheStreamHeaderIsSmacksReconnectDefect() throws Exception {
        assertTrue(SmackIntegrationSuiteIT.reconnectDefect(streamError(NO_HEADER)));
        // as the framework reports it: the test method's exception inside the reflective call's
        assertTrue(SmackIntegrationSuiteIT.reconnectDefect(new InvocationTargetException(streamError(NO_HEADER))));
    }

    @Test
    void everyOtherFailureIsNot() throws Exception {
        assertFalse(SmackIntegrationSuiteIT.reconnectDefect(new AssertionError("presenceUnavailable() not called")));
        assertFalse(SmackIntegrationSuiteIT.reconnectDefect(streamError(NO_HEADER.replace("root must be stream",
                "stream prefix bound to the wrong namespace"))));
        assertFalse(SmackIntegrationSuiteIT.reconnectDefect(streamError(NO_HEADER.replace("invalid-namespace",
                "not-well-formed"))));
        assertFalse(SmackIntegrationSuiteIT.reconnectDefect(null));
    }
}
