package io.xsg.launcher.load;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** What the load drivers and the integration tests share: accounts by the admin API, trusting the gateway's certificate. */
public final class LoadClients {

    private LoadClients() {
    }

    /** Creates an account through the admin API; an existing one (from an earlier run) is fine. */
    public static void createAccount(String adminUrl, String user, String password) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(adminUrl + "/admin/accounts"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build();
        int status = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("cannot create " + user + ": HTTP " + status);
        }
    }

    public static X509TrustManager trustManager(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("gateway", cert);
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        }
    }
}
