package io.xsg.edge.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The domains a server stream may name. */
class AddressingTest {

    @Test
    void aDialbackOrHeaderDomainMustBeADnsName() {
        assertThat(IncomingStreamHandler.domainName("B.Test")).isEqualTo("b.test");
        assertThat(IncomingStreamHandler.domainName("sms.a.test")).isEqualTo("sms.a.test");
        assertThat(IncomingStreamHandler.domainName("bücher.example")).isEqualTo("bücher.example");
        assertThat(IncomingStreamHandler.domainName("a.test/x@evil.test")).isNull();
        assertThat(IncomingStreamHandler.domainName("user@b.test")).isNull();
        assertThat(IncomingStreamHandler.domainName("b.test' to='x")).isNull();
        assertThat(IncomingStreamHandler.domainName("-b.test")).isNull();
        assertThat(IncomingStreamHandler.domainName("")).isNull();
        assertThat(IncomingStreamHandler.domainName(null)).isNull();
    }
}
