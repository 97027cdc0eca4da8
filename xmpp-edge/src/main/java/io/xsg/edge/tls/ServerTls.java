package io.xsg.edge.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.xsg.edge.config.EdgeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server's TLS context (TLS 1.2 and 1.3 only) from the configured or generated certificate. BoringSSL
 * ({@code netty-tcnative-boringssl-static}) where its native library loads, the JDK's TLS otherwise: the handshake
 * is most of a login's CPU, and BoringSSL's is cheaper.
 */
@Component
public class ServerTls {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
    private static final SslProvider PROVIDER = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;

    private final SslContext context;
    private final Path certificate;
    private final Path privateKey;

    public ServerTls(EdgeProperties properties) {
        Path cert = properties.tls().certificate();
        Path key = properties.tls().privateKey();
        if (cert == null || key == null) {
            var pair = SelfSignedCertificates.ensure(properties.dataDir(), properties.domain());
            cert = pair.certificate();
            key = pair.privateKey();
        }
        this.certificate = cert;
        this.privateKey = key;
        try {
            this.context = SslContextBuilder.forServer(cert.toFile(), key.toFile())
                    .sslProvider(PROVIDER)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
            log.info("TLS by {}", PROVIDER == SslProvider.OPENSSL ? "BoringSSL (" + OpenSsl.versionString() + ")"
                    : "the JDK (" + OpenSsl.unavailabilityCause() + ")");
        } catch (SSLException e) {
            throw new UncheckedIOException(new IOException("cannot load TLS key material " + cert + ", " + key, e));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot load TLS key material " + cert + ", " + key, e);
        }
    }

    /** The certificate in use, so a trial client can be told which one to trust. */
    public Path certificate() {
        return certificate;
    }

    /** Its private key (PEM PKCS#8), for the server-to-server contexts that present the same certificate. */
    public Path privateKey() {
        return privateKey;
    }

    /** @param startTls true when the first write (the {@code <proceed/>}) must still go out in the clear */
    public SslHandler newHandler(ByteBufAllocator allocator, boolean startTls) {
        var engine = context.newEngine(allocator);
        return new SslHandler(engine, startTls);
    }
}
