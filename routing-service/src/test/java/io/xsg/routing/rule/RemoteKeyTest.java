package io.xsg.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.v1.StanzaReceivedEvent;
import org.junit.jupiter.api.Test;

/** The key a stanza for another domain goes under on xmpp.s2s.out: the domainpart of its 'to' (RFC 7622). */
class RemoteKeyTest {

    @Test
    void theKeyIsTheDomainpartEvenWithAnAtInTheResource() {
        assertThat(StanzaPublisher.remoteDomain(to("bob@B.test/phone"))).isEqualTo("b.test");
        assertThat(StanzaPublisher.remoteDomain(to("b.test"))).isEqualTo("b.test");
        assertThat(StanzaPublisher.remoteDomain(to("b.test/x@evil.test"))).isEqualTo("b.test");
        assertThat(StanzaPublisher.remoteDomain(to("bob@b.test/x@evil.test"))).isEqualTo("b.test");
    }

    private static StanzaReceivedEvent to(String to) {
        return new StanzaReceivedEvent("e1", "message", "chat", "alice@a.test/laptop", to, "<message/>", null, null,
                0L);
    }
}
