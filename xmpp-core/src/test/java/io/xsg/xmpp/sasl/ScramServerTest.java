package io.xsg.xmpp.sasl;

import static io.xsg.xmpp.sasl.TestScramClient.attr;
import static io.xsg.xmpp.sasl.TestScramClient.b64;
import static io.xsg.xmpp.sasl.TestScramClient.bytes;
import static io.xsg.xmpp.sasl.TestScramClient.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScramServerTest {
    private static final byte[] SECRET = bytes("test server secret");

    // RFC 5802 §5
    private static final String SHA1_CLIENT_FIRST = "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL";
    private static final String SHA1_SERVER_FIRST =
            "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private static final String SHA1_CLIENT_FINAL =
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    private static final String SHA1_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    // RFC 7677 §3
    private static final String SHA256_CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SHA256_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String SHA256_CLIENT_FINAL =
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SHA256_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static final SecureRandom RND = new SecureRandom();

    @Test
    void rfc5802Sha1Example() throws Exception {
        ScramCredential cred = ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1, () -> "3rfcNHYJY1ZVvWVs7j");

        assertThat(server.receiveClientFirst(bytes(SHA1_CLIENT_FIRST))).isEqualTo("user");
        assertThat(server.authzid()).isEmpty();
        assertThat(str(server.serverFirst(cred))).isEqualTo(SHA1_SERVER_FIRST);
        assertThat(server.isComplete()).isFalse();
        assertThat(str(server.receiveClientFinal(bytes(SHA1_CLIENT_FINAL)))).isEqualTo(SHA1_SERVER_FINAL);
        assertThat(server.isComplete()).isTrue();
        assertThat(server.username()).isEqualTo("user");
    }

    @Test
    void rfc7677Sha256Example() throws Exception {
        ScramCredential cred = ScramCredential.derive(ScramMechanism.SCRAM_SHA_256, "pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        assertThat(server.receiveClientFirst(bytes(SHA256_CLIENT_FIRST))).isEqualTo("user");
        assertThat(str(server.serverFirst(cred))).isEqualTo(SHA256_SERVER_FIRST);
        assertThat(str(server.receiveClientFinal(bytes(SHA256_CLIENT_FINAL)))).isEqualTo(SHA256_SERVER_FINAL);
        assertThat(server.isComplete()).isTrue();
    }

    /** The independent test client reproduces the RFC proofs, so it can be trusted for other cases. */
    @Test
    void testClientMatchesRfcVectors() throws Exception {
        assertThat(TestScramClient.clientFinal(ScramMechanism.SCRAM_SHA_1, "pencil", "n,,",
                SHA1_CLIENT_FIRST.substring(3), SHA1_SERVER_FIRST, "")).isEqualTo(SHA1_CLIENT_FINAL);
        assertThat(TestScramClient.expectedServerFinal(ScramMechanism.SCRAM_SHA_1, "pencil",
                SHA1_CLIENT_FIRST.substring(3), SHA1_SERVER_FIRST, SHA1_CLIENT_FINAL)).isEqualTo(SHA1_SERVER_FINAL);
        assertThat(TestScramClient.clientFinal(ScramMechanism.SCRAM_SHA_256, "pencil", "n,,",
                SHA256_CLIENT_FIRST.substring(3), SHA256_SERVER_FIRST, "")).isEqualTo(SHA256_CLIENT_FINAL);
        assertThat(TestScramClient.expectedServerFinal(ScramMechanism.SCRAM_SHA_256, "pencil",
                SHA256_CLIENT_FIRST.substring(3), SHA256_SERVER_FIRST, SHA256_CLIENT_FINAL))
                .isEqualTo(SHA256_SERVER_FINAL);
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void roundTripWithDefaultNonce(ScramMechanism m) throws Exception {
        ScramCredential cred = ScramCredential.generate(m, "s3cret", RND, 4096);
        ScramServer server = new ScramServer(m);
        String bare = "n=juliet,r=clientNONCE123";
        server.receiveClientFirst(bytes("n,," + bare));
        String serverFirst = str(server.serverFirst(cred));

        String nonce = attr(serverFirst, 'r');
        assertThat(nonce).startsWith("clientNONCE123").hasSize("clientNONCE123".length() + 32);
        assertThat(attr(serverFirst, 's')).isEqualTo(b64(cred.salt()));

        String clientFinal = TestScramClient.clientFinal(m, "s3cret", "n,,", bare, serverFirst, "");
        String serverFinal = str(server.receiveClientFinal(bytes(clientFinal)));
        assertThat(serverFinal).isEqualTo(TestScramClient.expectedServerFinal(m, "s3cret", bare, serverFirst,
                clientFinal));
        assertThat(server.isComplete()).isTrue();
    }

    @Test
    void defaultNoncesDiffer() throws Exception {
        ScramCredential cred = ScramCredential.generate(ScramMechanism.SCRAM_SHA_256, "pw", RND, 4096);
        String a = firstStep(new ScramServer(ScramMechanism.SCRAM_SHA_256), "n,,n=u,r=abc", cred);
        String b = firstStep(new ScramServer(ScramMechanism.SCRAM_SHA_256), "n,,n=u,r=abc", cred);
        assertThat(attr(a, 'r')).isNotEqualTo(attr(b, 'r'));
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void wrongPasswordIsNotAuthorized(ScramMechanism m) throws Exception {
        ScramCredential cred = ScramCredential.generate(m, "right", RND, 4096);
        ScramServer server = new ScramServer(m);
        String bare = "n=user,r=abcdef";
        String serverFirst = firstStep(server, "n,," + bare, cred);
        String clientFinal = TestScramClient.clientFinal(m, "wrong", "n,,", bare, serverFirst, "");

        assertCondition(() -> server.receiveClientFinal(bytes(clientFinal)), SaslCondition.NOT_AUTHORIZED);
        assertThat(server.isComplete()).isFalse();
        // A failed exchange is over.
        assertThatThrownBy(() -> server.receiveClientFinal(bytes(clientFinal)))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void unknownUserGetsPlausibleChallengeThenNotAuthorized(ScramMechanism m) throws Exception {
        ScramServer server = new ScramServer(m, () -> "servernonce", SECRET);
        String bare = "n=ghost,r=abcdef";
        String serverFirst = firstStep(server, "n,," + bare, null);

        assertThat(serverFirst).matches("r=abcdefservernonce,s=[A-Za-z0-9+/]{22}==,i=4096");
        // Same name, same secret: same salt, as for a real account.
        String again = firstStep(new ScramServer(m, () -> "other", SECRET), "n,,n=ghost,r=zzz", null);
        assertThat(attr(again, 's')).isEqualTo(attr(serverFirst, 's'));
        String otherUser = firstStep(new ScramServer(m, () -> "other", SECRET), "n,,n=phantom,r=zzz", null);
        assertThat(attr(otherUser, 's')).isNotEqualTo(attr(serverFirst, 's'));
        String otherSecret = firstStep(new ScramServer(m, () -> "other", bytes("x")), "n,,n=ghost,r=zzz", null);
        assertThat(attr(otherSecret, 's')).isNotEqualTo(attr(serverFirst, 's'));

        String clientFinal = TestScramClient.clientFinal(m, "anything", "n,,", bare, serverFirst, "");
        assertCondition(() -> server.receiveClientFinal(bytes(clientFinal)), SaslCondition.NOT_AUTHORIZED);
        assertThat(server.isComplete()).isFalse();
    }

    @Test
    void fakeSaltDiffersPerMechanism() throws Exception {
        String sha1 = firstStep(new ScramServer(ScramMechanism.SCRAM_SHA_1, () -> "n", SECRET), "n,,n=u,r=a", null);
        String sha256 = firstStep(new ScramServer(ScramMechanism.SCRAM_SHA_256, () -> "n", SECRET), "n,,n=u,r=a", null);
        assertThat(attr(sha1, 's')).isNotEqualTo(attr(sha256, 's'));
    }

    @Test
    void tamperedNonceIsRejected() throws Exception {
        ScramServer server = rfcSha1Server();
        String tampered = SHA1_CLIENT_FINAL.replace("3rfcNHYJY1ZVvWVs7j", "3rfcNHYJY1ZVvWVs7k");
        assertCondition(() -> server.receiveClientFinal(bytes(tampered)), SaslCondition.NOT_AUTHORIZED);
    }

    @Test
    void nonceMustIncludeServerPart() throws Exception {
        ScramServer server = rfcSha1Server();
        String clientOnly = SHA1_CLIENT_FINAL.replace("3rfcNHYJY1ZVvWVs7j", "");
        assertCondition(() -> server.receiveClientFinal(bytes(clientOnly)), SaslCondition.NOT_AUTHORIZED);
    }

    @Test
    void tamperedProofIsRejected() throws Exception {
        ScramServer server = rfcSha1Server();
        String tampered = SHA1_CLIENT_FINAL.replace("p=v0X8", "p=v0X9");
        assertCondition(() -> server.receiveClientFinal(bytes(tampered)), SaslCondition.NOT_AUTHORIZED);
    }

    @Test
    void channelBindingEchoMustMatchGs2Header() throws Exception {
        ScramServer server = rfcSha1Server();
        // "y,," instead of the "n,," that was sent: a downgrade attempt.
        String tampered = SHA1_CLIENT_FINAL.replace("c=biws", "c=eSws");
        assertCondition(() -> server.receiveClientFinal(bytes(tampered)), SaslCondition.NOT_AUTHORIZED);
    }

    @Test
    void clientSupportingChannelBindingIsAccepted() throws Exception {
        ScramMechanism m = ScramMechanism.SCRAM_SHA_256;
        ScramCredential cred = ScramCredential.generate(m, "pw", RND, 4096);
        ScramServer server = new ScramServer(m);
        String bare = "n=user,r=abc";
        String serverFirst = firstStep(server, "y,," + bare, cred);
        String clientFinal = TestScramClient.clientFinal(m, "pw", "y,,", bare, serverFirst, "");
        assertThat(clientFinal).startsWith("c=eSws,");
        server.receiveClientFinal(bytes(clientFinal));
        assertThat(server.isComplete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p=tls-unique,,n=user,r=abc", "p=tls-server-end-point,a=user,n=user,r=abc",
        "p=tls-exporter,,n=user,r=abc"})
    void channelBindingRequestIsRefused(String clientFirst) {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256);
        assertCondition(() -> server.receiveClientFirst(bytes(clientFirst)), SaslCondition.MALFORMED_REQUEST);
        assertThatThrownBy(() -> server.serverFirst(null)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "n", "n,", "x,,n=user,r=abc", "p,,n=user,r=abc", "nn,,n=user,r=abc", "n,b=x,n=user,r=abc",
        "n,a=,n=user,r=abc", "n,,", "n,,r=abc", "n,,n=user", "n,,n=user,", "n,,n=,r=abc", "n,,n=user,r=",
        "n,,r=abc,n=user", "n,,m=ext,n=user,r=abc", "n,,n=us=41er,r=abc", "n,,n=user=,r=abc",
        "n,,n=user=2,r=abc", "n,,n=user,r=ab c", "n,,n=user,r=abc,1=x", "n,,n=user,r=abc,x",
        "n,,n=us\u0000er,r=abc", "n,,n=user,r=ab\u00e9"})
    void malformedClientFirstIsRejected(String clientFirst) {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        assertCondition(() -> server.receiveClientFirst(bytes(clientFirst)), SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void optionalExtensionsInClientFirstAreIgnored() throws Exception {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        assertThat(server.receiveClientFirst(bytes("n,,n=user,r=abc,x=whatever"))).isEqualTo("user");
    }

    @Test
    void invalidUtf8IsIncorrectEncoding() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        byte[] bad = {'n', ',', ',', 'n', '=', (byte) 0xC3, (byte) 0x28, ',', 'r', '=', 'a'};
        assertCondition(() -> server.receiveClientFirst(bad), SaslCondition.INCORRECT_ENCODING);
    }

    @Test
    void usernameEscapesAreDecoded() throws Exception {
        ScramMechanism m = ScramMechanism.SCRAM_SHA_256;
        ScramCredential cred = ScramCredential.generate(m, "pw", RND, 4096);
        ScramServer server = new ScramServer(m);
        String bare = "n=a=2Cb=3Dc=3D=2C,r=nonce";
        assertThat(server.receiveClientFirst(bytes("n,," + bare))).isEqualTo("a,b=c=,");
        assertThat(server.username()).isEqualTo("a,b=c=,");
        String serverFirst = str(server.serverFirst(cred));
        server.receiveClientFinal(bytes(TestScramClient.clientFinal(m, "pw", "n,,", bare, serverFirst, "")));
        assertThat(server.isComplete()).isTrue();
    }

    @Test
    void nonAsciiUsernameIsKept() throws Exception {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        assertThat(server.receiveClientFirst(bytes("n,,n=j\u00fcrgen,r=abc"))).isEqualTo("j\u00fcrgen");
    }

    @Test
    void authzidEqualToUsernameIsAccepted() throws Exception {
        ScramMechanism m = ScramMechanism.SCRAM_SHA_1;
        ScramCredential cred = ScramCredential.generate(m, "pw", RND, 4096);
        ScramServer server = new ScramServer(m);
        String bare = "n=a=2Cb,r=nonce";
        assertThat(server.receiveClientFirst(bytes("n,a=a=2Cb," + bare))).isEqualTo("a,b");
        assertThat(server.authzid()).isEqualTo("a,b");
        String serverFirst = str(server.serverFirst(cred));
        // c= carries the whole GS2 header, authzid included.
        String clientFinal = TestScramClient.clientFinal(m, "pw", "n,a=a=2Cb,", bare, serverFirst, "");
        server.receiveClientFinal(bytes(clientFinal));
        assertThat(server.isComplete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"n,a=admin,n=user,r=abc", "n,a=other@example.com,n=user,r=abc", "y,a=User,n=user,r=abc"})
    void otherAuthzidIsRejected(String clientFirst) {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        assertCondition(() -> server.receiveClientFirst(bytes(clientFirst)), SaslCondition.INVALID_AUTHZID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "c=biws", "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,c=biws,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=,x=1",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=not*base64",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=AAAA",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=",
        "c=bi,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="})
    void malformedClientFinalIsRejected(String clientFinal) throws Exception {
        ScramServer server = rfcSha1Server();
        assertCondition(() -> server.receiveClientFinal(bytes(clientFinal)), SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void optionalExtensionsInClientFinalAreCoveredByProof() throws Exception {
        ScramMechanism m = ScramMechanism.SCRAM_SHA_256;
        ScramCredential cred = ScramCredential.generate(m, "pw", RND, 4096);
        ScramServer server = new ScramServer(m);
        String bare = "n=user,r=abc";
        String serverFirst = firstStep(server, "n,," + bare, cred);
        String clientFinal = TestScramClient.clientFinal(m, "pw", "n,,", bare, serverFirst, ",x=ext");
        assertThat(str(server.receiveClientFinal(bytes(clientFinal))))
                .isEqualTo(TestScramClient.expectedServerFinal(m, "pw", bare, serverFirst, clientFinal));
    }

    @Test
    void callsOutOfOrderThrowIllegalState() throws Exception {
        ScramServer fresh = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        assertThatThrownBy(() -> fresh.serverFirst(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fresh.receiveClientFinal(bytes(SHA1_CLIENT_FINAL)))
                .isInstanceOf(IllegalStateException.class);

        ScramServer afterFirst = new ScramServer(ScramMechanism.SCRAM_SHA_1);
        afterFirst.receiveClientFirst(bytes(SHA1_CLIENT_FIRST));
        assertThatThrownBy(() -> afterFirst.receiveClientFirst(bytes(SHA1_CLIENT_FIRST)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> afterFirst.receiveClientFinal(bytes(SHA1_CLIENT_FINAL)))
                .isInstanceOf(IllegalStateException.class);

        ScramServer done = rfcSha1Server();
        done.receiveClientFinal(bytes(SHA1_CLIENT_FINAL));
        assertThatThrownBy(() -> done.receiveClientFinal(bytes(SHA1_CLIENT_FINAL)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.serverFirst(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void credentialOfOtherMechanismIsRefused() throws Exception {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256);
        server.receiveClientFirst(bytes("n,,n=user,r=abc"));
        ScramCredential sha1 = ScramCredential.generate(ScramMechanism.SCRAM_SHA_1, "pw", RND, 4096);
        assertThatThrownBy(() -> server.serverFirst(sha1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidNonceFromSupplierIsRefused() throws Exception {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256, () -> "a,b");
        server.receiveClientFirst(bytes("n,,n=user,r=abc"));
        assertThatThrownBy(() -> server.serverFirst(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void accessorsBeforeFirstMessage() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256);
        assertThat(server.username()).isNull();
        assertThat(server.authzid()).isEmpty();
        assertThat(server.isComplete()).isFalse();
        assertThat(server.mechanism()).isEqualTo(ScramMechanism.SCRAM_SHA_256);
    }

    private static ScramServer rfcSha1Server() throws Exception {
        ScramCredential cred = ScramCredential.derive(ScramMechanism.SCRAM_SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_1, () -> "3rfcNHYJY1ZVvWVs7j");
        server.receiveClientFirst(bytes(SHA1_CLIENT_FIRST));
        assertThat(str(server.serverFirst(cred))).isEqualTo(SHA1_SERVER_FIRST);
        return server;
    }

    private static String firstStep(ScramServer server, String clientFirst, ScramCredential cred)
            throws SaslException {
        server.receiveClientFirst(bytes(clientFirst));
        return str(server.serverFirst(cred));
    }

    static void assertCondition(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SaslCondition c) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(c));
    }
}
