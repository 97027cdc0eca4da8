package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * a.test's s2s listener against raw peers, bytes in and bytes out: what it offers, whom it lets in and what it
 * refuses. A peer authenticates here by SASL EXTERNAL with a certificate for {@code x.test} from the tests' authority
 * (which a.test trusts), so no second operator is needed; dialback against a real authoritative server is
 * {@link FederationIT}'s.
 */
class S2sStreamIT {

    private static final TestAuthority.Issued X_TEST = TestGateway.AUTHORITY.issue("x.test");

    /** A raw peer that opened a stream to a.test, as {@code from}, and went through STARTTLS with {@code tls}. */
    static RawStream encryptedPeer(String from, SSLContext tls) throws Exception {
        var plain = new Socket("127.0.0.1", TestGateway.s2sPort());
        var raw = new RawStream(plain);
        raw.send(header(from)).readUntil("</stream:features>");
        assertThat(raw.text()).contains("<starttls");
        raw.clear().send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").readUntil("<proceed");
        var secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, "a.test", plain.getPort(), true);
        secure.startHandshake();
        var peer = new RawStream(secure);
        peer.send(header(from)).readUntil("</stream:features>");
        assertThat(peer.text()).contains("urn:xmpp:features:dialback");
        return peer;
    }

    static String header(String from) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' "
                + "xmlns:stream='http://etherx.jabber.org/streams' from='" + from + "' to='a.test' version='1.0'>";
    }

    static String streamId(String text) {
        Matcher m = Pattern.compile("<stream:stream[^>]* id='([^']+)'").matcher(text);
        String id = null;
        while (m.find()) {
            id = m.group(1); // the last header: the stream after STARTTLS
        }
        return id;
    }

    private static SSLContext xTest() {
        return TestAuthority.clientContext(X_TEST, TestGateway.trustManager());
    }

    /** SASL EXTERNAL as x.test, then the restarted stream: a peer that may send as x.test. */
    private static RawStream authenticatedAsX() throws Exception {
        RawStream peer = encryptedPeer("x.test", xTest());
        assertThat(peer.text()).contains("<mechanism>EXTERNAL</mechanism>");
        peer.clear().send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>"
                + Base64.getEncoder().encodeToString("x.test".getBytes(StandardCharsets.UTF_8)) + "</auth>");
        assertThat(peer.readUntil("<success")).contains("<success");
        peer.clear().send(header("x.test")).readUntil("</stream:features>");
        return peer.clear();
    }

    @Test
    void aCertificateTheTrustStoreValidatesAuthenticatesItsDomainOnly() throws Exception {
        try (RawStream peer = authenticatedAsX()) {
            assertThat(TestGateway.edge().getBean(io.xsg.edge.s2s.Federation.class).howAuthenticated("x.test"))
                    .isEqualTo("SASL EXTERNAL");
        }
        // the same certificate does not make its holder y.test: no EXTERNAL offered, and asking anyway fails
        try (RawStream peer = encryptedPeer("y.test", xTest())) {
            assertThat(peer.text()).doesNotContain("EXTERNAL");
            peer.clear().send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>"
                    + Base64.getEncoder().encodeToString("y.test".getBytes(StandardCharsets.UTF_8)) + "</auth>");
            assertThat(peer.readUntil("</failure>")).contains("<not-authorized");
        }
        // a certificate a.test does not trust (its own, self-signed for a.test) is offered no EXTERNAL either
        try (RawStream peer = encryptedPeer("x.test", TestGateway.sslContext())) {
            assertThat(peer.text()).doesNotContain("EXTERNAL");
        }
    }

    @Test
    void anAuthenticatedPeerSpeaksOnlyForItsOwnDomain() throws Exception {
        // not for a.test's own users
        try (RawStream peer = authenticatedAsX()) {
            peer.send("<message from='mallory@a.test/x' to='someone@a.test' type='chat'><body>hi</body></message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<invalid-from");
            assertThat(peer.closedByServer()).isTrue();
        }
        // nor for a third domain
        try (RawStream peer = authenticatedAsX()) {
            peer.send("<message from='carol@c.test/x' to='someone@a.test' type='chat'><body>hi</body></message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<invalid-from");
        }
        // nor for a.test's server by hiding x.test in a resource: the domainpart is a.test's (RFC 7622)
        try (RawStream peer = authenticatedAsX()) {
            peer.send("<message from='a.test/x@x.test' to='c.test/y@a.test' type='chat'><body>relay me</body>"
                    + "</message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<invalid-from");
        }
        // nor to a domain a.test does not serve
        try (RawStream peer = authenticatedAsX()) {
            peer.send("<message from='kim@x.test/x' to='carol@c.test' type='chat'><body>relay me</body></message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<host-unknown");
        }
    }

    @Test
    void directTlsOffersNoStartTlsAndGoesStraightToAuthentication() throws Exception {
        var socket = xTest().getSocketFactory().createSocket("127.0.0.1", TestGateway.s2sDirectTlsPort());
        try (RawStream peer = new RawStream(socket)) {
            String features = peer.send(header("x.test")).readUntil("</stream:features>");
            assertThat(features).contains("urn:xmpp:features:dialback").contains("EXTERNAL")
                    .doesNotContain("<starttls");
            peer.clear().send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(peer.readUntil("<success")).contains("<success");
        }
    }

    @Test
    void dialbackBeforeTlsAndASilentPeerAreRefused() throws Exception {
        try (RawStream plain = new RawStream(TestGateway.s2sPort())) {
            plain.send(header("b.test")).readUntil("</stream:features>");
            plain.clear().send("<db:result from='b.test' to='a.test'>0123</db:result>");
            assertThat(plain.readUntil("</stream:stream>")).contains("<policy-violation");
        }
        // a.test gives a peer 5 s (negotiation-timeout in the tests) to authenticate
        try (RawStream silent = new RawStream(TestGateway.s2sPort())) {
            silent.send(header("slow.test")).readUntil("</stream:features>");
            assertThat(silent.closedByServer()).isTrue();
            assertThat(silent.text()).contains("<connection-timeout");
        }
    }
}
