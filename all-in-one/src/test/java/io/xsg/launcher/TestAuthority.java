package io.xsg.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of the tests' own, made at start in a temporary directory: the gateways trust it for SASL
 * EXTERNAL ({@code gateway.xmpp.s2s.trust-store}), and it issues the certificate of the second operator, so that
 * {@code b.test} authenticates to {@code a.test} by its certificate while {@code a.test} (self-signed) uses dialback.
 */
final class TestAuthority {

    /** A certificate chain (leaf, then the authority) and its key, as PEM files. */
    record Issued(Path certificate, Path privateKey) {
    }

    private final Path dir;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path pem;

    private TestAuthority(Path dir) throws Exception {
        this.dir = dir;
        this.keys = newKeys();
        X500Name name = new X500Name("CN=Gateway test authority");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.certificate = sign(builder);
        this.pem = dir.resolve("authority.pem");
        write(pem, certificate);
    }

    static TestAuthority create() {
        try {
            return new TestAuthority(TempDirs.deletedAtExit("test-authority"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test authority", e);
        }
    }

    /** The authority's certificate, as a trust store. */
    Path trustStore() {
        return pem;
    }

    /** A certificate for {@code domain} (and its subdomains), signed by this authority. */
    Issued issue(String domain) {
        try {
            KeyPair leaf = newKeys();
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Gateway test authority"),
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + domain), leaf.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, domain), new GeneralName(GeneralName.dNSName, "*." + domain)}));
            X509Certificate issued = sign(builder);
            Path cert = dir.resolve(domain + ".crt");
            Path key = dir.resolve(domain + ".key");
            write(cert, issued, certificate);
            write(key, new JcaPKCS8Generator(leaf.getPrivate(), null).generate());
            return new Issued(cert, key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a certificate for " + domain, e);
        }
    }

    /**
     * A TLS context that presents an issued certificate (a peer server authenticating by SASL EXTERNAL) and trusts
     * {@code trust}.
     */
    static javax.net.ssl.SSLContext clientContext(Issued issued, javax.net.ssl.X509TrustManager trust) {
        try (var reader = Files.newBufferedReader(issued.privateKey());
             var in = Files.newInputStream(issued.certificate())) {
            var key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(
                    (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) new org.bouncycastle.openssl.PEMParser(reader)
                            .readObject());
            var chain = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .toArray(java.security.cert.Certificate[]::new);
            var store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("peer", key, new char[0], chain);
            var keys = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            var context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new javax.net.ssl.TrustManager[] {trust}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + issued, e);
        }
    }

    private static KeyPair newKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, new SecureRandom());
        return generator.generateKeyPair();
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void write(Path file, Object... objects) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
