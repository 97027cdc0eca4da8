package io.xsg.edge.s2s;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS for server-to-server streams, both ways presenting the edge's certificate. The handshake accepts any peer
 * certificate: what authenticates a peer is either its certificate checked afterwards against the trust store
 * ({@link PeerCertificates}, for SASL EXTERNAL) or Server Dialback, so TLS alone gives the stream confidentiality. An
 * incoming stream asks for the peer's certificate (optionally); an outgoing one sends SNI with the remote domain
 * (XEP-0368 §3).
 */
final class S2sTls {

    private final SslContext client;
    private final SslContext server;

    S2sTls(Path certificate, Path privateKey) {
        try {
            client = SslContextBuilder.forClient().keyManager(certificate.toFile(), privateKey.toFile())
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3", "TLSv1.2").build();
            server = SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile())
                    .clientAuth(ClientAuth.OPTIONAL).trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS for server-to-server streams", e);
        }
    }

    SslHandler clientHandler(ByteBufAllocator allocator, String remoteDomain) {
        return client.newHandler(allocator, remoteDomain, RemoteEndpoints.DEFAULT_PORT);
    }

    /** @param startTls true when the first write (the {@code <proceed/>}) must still go out in the clear */
    SslHandler serverHandler(ByteBufAllocator allocator, boolean startTls) {
        var engine = server.newEngine(allocator);
        return new SslHandler(engine, startTls);
    }
}
