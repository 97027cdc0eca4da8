package io.xsg.edge.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.edge.tls.SelfSignedCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerCertificatesTest {

    @TempDir
    Path dir;

    private X509Certificate certificateFor(String domain) throws Exception {
        var pair = SelfSignedCertificates.ensure(dir, domain);
        try (InputStream in = Files.newInputStream(pair.certificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void aCertificateNamesItsDomainAndOneLabelBelowIt() throws Exception {
        X509Certificate b = certificateFor("b.test");

        assertThat(PeerCertificates.names(b, "b.test")).isTrue();
        assertThat(PeerCertificates.names(b, "B.TEST")).isTrue();
        assertThat(PeerCertificates.names(b, "sms.b.test")).as("*.b.test").isTrue();
        assertThat(PeerCertificates.names(b, "x.sms.b.test")).as("one label only").isFalse();
        assertThat(PeerCertificates.names(b, "c.test")).isFalse();
        assertThat(PeerCertificates.names(b, "evilb.test")).isFalse();
    }
}
