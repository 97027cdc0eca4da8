package io.xsg.edge.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed certificate for the XMPP domain (and its subdomains) on first start, so that a trial needs
 * no PKI. Kept in the data directory, never in the repository; production configures a real certificate.
 */
public final class SelfSignedCertificates {

    public record Pair(Path certificate, Path privateKey) {
    }

    private static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSignedCertificates() {
    }

    /** Returns the pair in {@code dir}, making it first when either file is missing. */
    public static Pair ensure(Path dir, String domain) {
        Path cert = dir.resolve("tls-" + domain + ".crt");
        Path key = dir.resolve("tls-" + domain + ".key");
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return new Pair(cert, key);
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = sign(keys, domain);
            Path keyTmp = Files.createTempFile(dir, "key", ".tmp");
            try {
                Files.setPosixFilePermissions(keyTmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort off POSIX file systems
            }
            writePem(keyTmp, new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            Path certTmp = Files.createTempFile(dir, "crt", ".tmp");
            writePem(certTmp, certificate);
            Files.move(keyTmp, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(certTmp, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new Pair(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a self-signed certificate to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    private static X509Certificate sign(KeyPair keys, String domain)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=" + domain);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, domain),
                new GeneralName(GeneralName.dNSName, "*." + domain)}));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
