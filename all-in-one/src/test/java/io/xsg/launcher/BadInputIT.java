package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input, each on its own connection, while a healthy pair of clients keeps chatting: every case
 * ends its own stream with the defined error and nothing else is affected.
 */
class BadInputIT {

    private static XMPPTCPConnection alice;
    private static XMPPTCPConnection bob;
    private static String bobUser;

    @BeforeAll
    static void healthySession() throws Exception {
        TestGateway.get();
        String aliceUser = TestGateway.createAccount("healthya");
        bobUser = TestGateway.createAccount("healthyb");
        alice = Clients.login(Clients.starttls(aliceUser, TestGateway.c2sPort()).build());
        bob = Clients.login(Clients.starttls(bobUser, TestGateway.c2sPort()).build());
        ClientEndpointIT.awaitAvailable(bobUser);
        assertHealthyChat("before");
    }

    @AfterAll
    static void stillHealthy() throws Exception {
        try {
            assertHealthyChat("after");
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    private static void assertHealthyChat(String text) throws Exception {
        var collector = Clients.messages(bob);
        alice.sendStanza(ClientEndpointIT.chat(bobUser + "@a.test", text));
        Message got = Clients.next(collector);
        collector.cancel();
        assertThat(got).as("healthy chat " + text).isNotNull();
        assertThat(got.getBody()).isEqualTo(text);
    }

    private static void assertStreamError(RawStream stream, String condition) throws Exception {
        assertThat(stream.closedByServer()).as("server closed the stream").isTrue();
        assertThat(stream.text()).contains("<stream:error><" + condition + " ");
        assertThat(stream.text()).endsWith("</stream:stream>");
    }

    @Test
    void billionLaughsIsRestrictedXml() throws Exception {
        var dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '");
            dtd.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("'>");
        }
        dtd.append("]><stream:stream to='a.test' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>&lol9;");
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(dtd.toString());
            assertStreamError(s, "restricted-xml");
        }
    }

    @Test
    void externalEntityIsRestrictedXml() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + RawStream.HEADER);
            assertStreamError(s, "restricted-xml");
            assertThat(s.text()).doesNotContain("root:");
        }
    }

    @Test
    void unclosedTagsAreNotWellFormed() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER + "<message to='x@a.test'><body>hi</message>");
            assertStreamError(s, "not-well-formed");
        }
    }

    @Test
    void oneMebibyteStanzaIsAPolicyViolation() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER + "<message to='x@a.test'><body>");
            s.sendInBackground("a".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII));
            assertStreamError(s, "policy-violation");
        }
    }

    @Test
    void tenThousandDeepNestingIsAPolicyViolation() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER);
            s.sendInBackground("<a>".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
            assertStreamError(s, "policy-violation");
        }
    }

    @Test
    void invalidUtf8IsNotWellFormed() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER + "<message to='x@a.test'><body>");
            s.send(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
            s.send("</body></message>");
            assertStreamError(s, "not-well-formed");
        }
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER + "<message to='x@a.test'><body>let me in</body></message>");
            assertStreamError(s, "not-authorized");
        }
    }

    @Test
    void streamToAnUnknownDomainIsHostUnknown() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER.replace("to='a.test'", "to='elsewhere.test'"));
            assertStreamError(s, "host-unknown");
        }
    }

    @Test
    void wrongContentNamespaceIsInvalidNamespace() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send(RawStream.HEADER.replace("xmlns='jabber:client'", "xmlns='jabber:server'"));
            assertStreamError(s, "invalid-namespace");
        }
    }

    @Test
    void httpRequestIsNotWellFormed() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            s.send("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n");
            assertStreamError(s, "not-well-formed");
        }
    }

    @Test
    void authenticationWithoutRequiredTlsIsRefused() throws Exception {
        try (var s = new RawStream(TestGateway.c2sPort())) {
            String features = s.send(RawStream.HEADER).readUntil("</stream:features>");
            assertThat(features).contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>")
                    .doesNotContain("<mechanisms");
            String answer = s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                    + Base64.getEncoder().encodeToString("n,,n=x,r=abcdefgh".getBytes(StandardCharsets.UTF_8))
                    + "</auth>").readUntil("</failure>");
            assertThat(answer).contains("<encryption-required/>");
        }
    }

    @Test
    void plainIsNeitherOfferedNorAcceptedWithoutTls() throws Exception {
        try (var s = new RawStream(Gateway.c2sPort(TestGateway.secondEdge()))) {
            String features = s.send(RawStream.HEADER).readUntil("</stream:features>");
            assertThat(features).contains("<mechanism>SCRAM-SHA-256</mechanism>").doesNotContain(">PLAIN<");
            String plain = Base64.getEncoder().encodeToString(
                    ("\0" + bobUser + "\0" + TestGateway.PASSWORD).getBytes(StandardCharsets.UTF_8));
            String answer = s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain
                    + "</auth>").readUntil("</failure>");
            assertThat(answer).contains("<encryption-required/>").doesNotContain("<success");
        }
    }

    @Test
    void commandsInjectedAfterStarttlsAreDiscarded() throws Exception {
        String plain = Base64.getEncoder().encodeToString(
                ("\0" + bobUser + "\0" + TestGateway.PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (var socket = new java.net.Socket("127.0.0.1", TestGateway.c2sPort())) {
            socket.setSoTimeout((int) Clients.TIMEOUT.toMillis());
            var out = socket.getOutputStream();
            out.write(RawStream.HEADER.getBytes(StandardCharsets.UTF_8));
            readUntil(socket.getInputStream(), "</stream:features>");
            // a man in the middle appends a login to the client's <starttls/>, in the same packet
            out.write(("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                    + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(socket.getInputStream(), "<proceed")).contains("<proceed");
            var tls = (javax.net.ssl.SSLSocket) TestGateway.sslContext().getSocketFactory()
                    .createSocket(socket, "a.test", TestGateway.c2sPort(), true);
            tls.startHandshake();
            tls.getOutputStream().write(RawStream.HEADER.getBytes(StandardCharsets.UTF_8));
            String afterTls = readUntil(tls.getInputStream(), "</stream:features>");
            assertThat(afterTls).as("still unauthenticated: the injected <auth/> was dropped")
                    .contains("<mechanisms").doesNotContain("<bind").doesNotContain("<success");
        }
    }

    private static String readUntil(java.io.InputStream in, String marker) throws java.io.IOException {
        var text = new StringBuilder();
        byte[] buf = new byte[4096];
        while (text.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
