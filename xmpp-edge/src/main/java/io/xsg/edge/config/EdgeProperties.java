package io.xsg.edge.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.xmpp.*}: what the edge needs to terminate client streams.
 *
 * @param domain       the operator's XMPP domain (a stream to any other is refused with {@code host-unknown})
 * @param edgeId       this edge's stable id, naming its delivery topic (in Kubernetes: the pod name of a StatefulSet)
 * @param dataDir      where a generated self-signed certificate is kept when none is configured
 * @param c2s          client listeners and stream limits
 * @param tls          certificate and key
 * @param auth         SASL and the session service it asks for credentials
 * @param registration in-band registration (XEP-0077)
 * @param s2s          server-to-server streams (federation)
 * @param heartbeatInterval how often the edge tells it is alive (its sessions are dropped when it stops)
 * @param shutdownDrain     how long a stopping edge keeps reading deliveries after its streams closed, so that what
 *                          routing sent before it learnt they are gone is sent elsewhere rather than lost
 */
@Validated
@ConfigurationProperties("gateway.xmpp")
public record EdgeProperties(
        @NotBlank String domain,
        @NotBlank String edgeId,
        @NotNull Path dataDir,
        @Valid @NotNull @DefaultValue C2s c2s,
        @Valid @NotNull @DefaultValue Tls tls,
        @Valid @NotNull @DefaultValue Auth auth,
        @Valid @NotNull @DefaultValue Registration registration,
        @Valid @NotNull @DefaultValue S2s s2s,
        @NotNull @DefaultValue("3s") Duration heartbeatInterval,
        @NotNull @DefaultValue("1s") Duration shutdownDrain) {

    /**
     * @param bindAddress       listen address
     * @param port              STARTTLS port (RFC 6120); 0 picks a free one
     * @param directTlsPort     Direct TLS port (XEP-0368); 0 picks a free one, -1 disables it
     * @param requireTls        refuse to authenticate before STARTTLS
     * @param maxStanzaBytes    a larger stanza ends the stream with {@code policy-violation}
     * @param maxDepth          element nesting limit
     * @param maxAttributes     attributes per element
     * @param streamOpenTimeout time allowed from connect to stream header
     * @param authTimeout       time allowed from connect to a bound resource
     * @param idleTimeout       no byte from the client for this long ends the stream ({@code connection-timeout})
     * @param keepaliveInterval a whitespace keepalive is sent after this much write silence
     * @param resumeTimeout     how long a Stream Management session outlives its connection, waiting for the client
     *                          to resume it on this edge (XEP-0198); 0 offers no resumption
     * @param maxUnacked        stanzas a client may leave unacknowledged (or a detached session may collect) before
     *                          the session is ended and they go elsewhere
     */
    public record C2s(
            @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
            @DefaultValue("5222") @Min(0) @Max(65535) int port,
            @DefaultValue("5223") @Min(-1) @Max(65535) int directTlsPort,
            @DefaultValue("true") boolean requireTls,
            @DefaultValue("65536") @Min(1024) int maxStanzaBytes,
            @DefaultValue("32") @Min(4) int maxDepth,
            @DefaultValue("64") @Min(4) int maxAttributes,
            @DefaultValue("10s") @NotNull Duration streamOpenTimeout,
            @DefaultValue("60s") @NotNull Duration authTimeout,
            @DefaultValue("10m") @NotNull Duration idleTimeout,
            @DefaultValue("60s") @NotNull Duration keepaliveInterval,
            @DefaultValue("300s") @NotNull Duration resumeTimeout,
            @DefaultValue("1000") @Min(1) int maxUnacked) {
    }

    /**
     * @param certificate PEM certificate chain; with {@code privateKey} unset, a self-signed pair is made in the data dir
     * @param privateKey  PEM PKCS#8 private key
     */
    public record Tls(Path certificate, Path privateKey) {
    }

    /**
     * @param sessionServiceUrl  base URL of the session service's internal API
     * @param apiToken           its bearer token, when it requires one
     * @param credentialCacheTtl how long fetched credentials are reused
     * @param maxFailuresPerAddress failed authentications allowed per client address within {@code failureWindow}
     * @param failureDelay       the wait before an address's next attempt for an account it failed for once within
     *                           {@code failureWindow}; doubled at each further failure
     * @param maxFailureDelay    the longest such wait
     * @param failureWindow      how long failures are remembered
     * @param maxAttemptsPerStream a stream failing this many times is closed
     */
    public record Auth(
            @DefaultValue("http://127.0.0.1:8081") @NotNull URI sessionServiceUrl,
            String apiToken,
            @DefaultValue("60s") @NotNull Duration credentialCacheTtl,
            @DefaultValue("10") @Min(1) int maxFailuresPerAddress,
            @DefaultValue("1s") @NotNull Duration failureDelay,
            @DefaultValue("30s") @NotNull Duration maxFailureDelay,
            @DefaultValue("5m") @NotNull Duration failureWindow,
            @DefaultValue("3") @Min(1) int maxAttemptsPerStream) {
    }

    /**
     * Federation (RFC 6120 server-to-server streams): who may reach us, and how we reach other domains.
     *
     * @param enabled            listen for and open server-to-server streams; off, a stanza for another domain comes
     *                           back to its sender with {@code remote-server-not-found}
     * @param bindAddress        listen address
     * @param port               the s2s port (5269); 0 picks a free one
     * @param directTlsPort      s2s with Direct TLS (XEP-0368, {@code _xmpps-server}); 0 picks a free one, -1 disables
     * @param requireTls         refuse a peer that will not encrypt, in both directions
     * @param dialbackSecret     the Server Dialback (XEP-0220) secret; every edge of a deployment must have the same
     *                           (from a Kubernetes Secret); unset, one is generated into the data dir (one edge only)
     * @param connectTimeout     time allowed to open a TCP connection to a peer
     * @param negotiationTimeout time allowed for a stream, either way, to be encrypted and authenticated
     * @param idleTimeout        an outgoing stream with nothing to send for this long is closed; an incoming one
     *                           that sends nothing for this long is too
     * @param maxQueued          stanzas held for one domain while its stream is being opened; beyond, they come back
     *                           to their senders with {@code resource-constraint}
     * @param hosts              static overrides of DNS: {@code domain -> host:port} (labs, tests, peering links)
     * @param dnsTimeout         how long one DNS query may take
     * @param trustStore         PEM bundle of the certificate authorities whose certificates authenticate a peer by
     *                           SASL EXTERNAL (XEP-0178); unset, the JDK's
     */
    public record S2s(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
            @DefaultValue("5269") @Min(0) @Max(65535) int port,
            @DefaultValue("5270") @Min(-1) @Max(65535) int directTlsPort,
            @DefaultValue("true") boolean requireTls,
            String dialbackSecret,
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration negotiationTimeout,
            @DefaultValue("10m") @NotNull Duration idleTimeout,
            @DefaultValue("1000") @Min(1) int maxQueued,
            @DefaultValue java.util.Map<String, String> hosts,
            @DefaultValue("5s") @NotNull Duration dnsTimeout,
            Path trustStore) {
    }

    /** @param enabled offer XEP-0077 in-band registration before authentication */
    public record Registration(@DefaultValue("false") boolean enabled) {
    }
}
