package io.xsg.launcher;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Smack clients configured as an ordinary user's would be, trusting the gateway's test certificate. */
final class Clients {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    static {
        org.jivesoftware.smack.SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        // subscription requests are the tests' to answer, never answered behind their back
        org.jivesoftware.smack.roster.Roster.setDefaultSubscriptionMode(
                org.jivesoftware.smack.roster.Roster.SubscriptionMode.manual);
    }

    private Clients() {
    }

    static XMPPTCPConnectionConfiguration.Builder starttls(String user, int port) throws Exception {
        return base(user, port, "laptop")
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(TestGateway.trustManager());
    }

    /** XEP-0368: TLS from the first byte, so Smack sees a secure socket and no STARTTLS offer. */
    static XMPPTCPConnectionConfiguration.Builder directTls(String user, int port) throws Exception {
        return base(user, port, "phone")
                .setSecurityMode(SecurityMode.disabled)
                .setSocketFactory(TestGateway.sslContext().getSocketFactory());
    }

    /** A user of another gateway's domain (federation), trusting that gateway's certificate. */
    static XMPPTCPConnectionConfiguration.Builder starttls(String domain, String user, int port, String resource,
                                                           javax.net.ssl.X509TrustManager trust) throws Exception {
        return base(domain, user, port, resource).setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust);
    }

    private static XMPPTCPConnectionConfiguration.Builder base(String user, int port, String resource)
            throws Exception {
        return base(TestGateway.DOMAIN, user, port, resource);
    }

    private static XMPPTCPConnectionConfiguration.Builder base(String domain, String user, int port, String resource)
            throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost("127.0.0.1")
                .setPort(port)
                .setUsernameAndPassword(user, TestGateway.PASSWORD)
                .setResource(resource)
                .addEnabledSaslMechanism("SCRAM-SHA-256")
                .setConnectTimeout((int) TIMEOUT.toMillis());
    }

    /** Completes with the error that closes the connection (a stream error, for instance). */
    static java.util.concurrent.CompletableFuture<Exception> closedOnError(XMPPTCPConnection connection) {
        var closed = new java.util.concurrent.CompletableFuture<Exception>();
        connection.addConnectionListener(new org.jivesoftware.smack.ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });
        return closed;
    }

    /** Logs in on the first edge with a resource of its own. */
    static XMPPTCPConnection login(String user, String resource) throws Exception {
        return login(base(user, TestGateway.c2sPort(), resource).setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(TestGateway.trustManager()).build());
    }

    /** Logs in on the second edge (TLS optional there, but used). */
    static XMPPTCPConnection loginOnSecondEdge(String user, String resource) throws Exception {
        return login(base(user, Gateway.c2sPort(TestGateway.secondEdge()), resource)
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(TestGateway.trustManager()).build());
    }

    static XMPPTCPConnection login(XMPPTCPConnectionConfiguration config) throws Exception {
        return login(new XMPPTCPConnection(config));
    }

    /** Connects and logs in a connection the caller configured further (Stream Management off, say). */
    static XMPPTCPConnection login(XMPPTCPConnection connection) throws Exception {
        connection.setReplyTimeout(TIMEOUT.toMillis());
        connection.connect().login();
        return connection;
    }

    static StanzaCollector messages(XMPPTCPConnection connection) {
        return connection.createStanzaCollector(StanzaTypeFilter.MESSAGE);
    }

    static Message next(StanzaCollector collector) throws InterruptedException {
        return collector.nextResult(TIMEOUT.toMillis());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
