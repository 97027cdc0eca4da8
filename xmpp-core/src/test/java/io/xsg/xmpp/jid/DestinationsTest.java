package io.xsg.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.xmpp.jid.Destinations.Kind;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    private final Destinations destinations = new Destinations("a.test");

    @Test
    void everyAddressHasOneKind() {
        assertThat(destinations.kindOf("a.test")).isEqualTo(Kind.SERVER);
        assertThat(destinations.kindOf("a.test/admin")).isEqualTo(Kind.SERVER);
        assertThat(destinations.kindOf("joe@a.test")).isEqualTo(Kind.ACCOUNT);
        assertThat(destinations.kindOf("joe@a.test/sms")).isEqualTo(Kind.ACCOUNT);
        assertThat(destinations.kindOf("+1234555666@sms.a.test")).isEqualTo(Kind.SMS);
        assertThat(destinations.kindOf("room@conference.a.test")).isEqualTo(Kind.COMPONENT);
        assertThat(destinations.kindOf("bob@b.test")).isEqualTo(Kind.REMOTE);
        assertThat(destinations.kindOf("bob@xa.test")).as("a suffix is not a subdomain").isEqualTo(Kind.REMOTE);
    }

    @Test
    void onlyBareJidsOfTheDomainNameAnAccount() {
        assertThat(destinations.username("joe@a.test")).isEqualTo("joe");
        assertThat(destinations.username("joe@a.test/pc")).isNull();
        assertThat(destinations.username("joe@b.test")).isNull();
        assertThat(destinations.username("joe@a.testx")).isNull();
        assertThat(destinations.username("a.test")).isNull();
    }
}
