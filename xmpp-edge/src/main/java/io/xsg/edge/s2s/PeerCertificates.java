package io.xsg.edge.s2s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a peer's certificate authenticates a domain (RFC 6120 §13.7.2, RFC 6125): its chain validates against the
 * trust store (a PEM bundle of authorities, or the JDK's), and the domain is one of its DNS names (subjectAltName
 * dNSName, a {@code *.} wildcard covering one label; the subject CN only when it names none). The TLS handshake
 * itself accepts any certificate: a stream that cannot be authenticated this way may still use Server Dialback.
 */
final class PeerCertificates {

    private final X509TrustManager trust;

    PeerCertificates(Path trustStore) {
        try {
            KeyStore anchors = null;
            if (trustStore != null) {
                anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                try (InputStream in = Files.newInputStream(trustStore)) {
                    int i = 0;
                    for (Certificate c : factory.generateCertificates(in)) {
                        anchors.setCertificateEntry("ca-" + i++, c);
                    }
                }
                if (anchors.size() == 0) {
                    throw new IllegalStateException("no certificate in the trust store " + trustStore);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            X509TrustManager found = null;
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    found = x;
                }
            }
            this.trust = found;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the s2s trust store " + trustStore, e);
        }
    }

    /** The peer's validated chain, or null when it sent none or it does not validate. */
    X509Certificate[] validated(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate c)) {
                return null;
            }
            x509[i] = c;
        }
        try {
            // as a server certificate whichever side it came from: servers' certificates carry serverAuth, often
            // alone (public authorities stopped issuing clientAuth in 2025), and that is what Prosody and ejabberd
            // accept for s2s as well
            String authType = x509[0].getPublicKey().getAlgorithm().equals("EC") ? "ECDHE_ECDSA" : "ECDHE_RSA";
            trust.checkServerTrusted(x509, authType);
            return x509;
        } catch (CertificateException invalid) {
            return null;
        }
    }

    /** Whether a validated certificate names {@code domain}. */
    static boolean names(X509Certificate certificate, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        for (String name : dnsNames(certificate)) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals(wanted)) {
                return true;
            }
            if (n.startsWith("*.") && wanted.indexOf('.') > 0
                    && wanted.substring(wanted.indexOf('.') + 1).equals(n.substring(2))) {
                return true;
            }
        }
        return false;
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            var alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String dns) {
                        names.add(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        if (names.isEmpty()) {
            String dn = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
            for (String part : dn.split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3));
                }
            }
        }
        return names;
    }
}
