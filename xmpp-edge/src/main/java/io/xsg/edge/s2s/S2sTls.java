package io.xsg.edge.s2s;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for the streams we open to other servers. The peer's certificate is not what authenticates it here: Server
 * Dialback does (XEP-0220 over TLS, as Prosody and ejabberd run it by default), so the handshake accepts any
 * certificate and TLS gives the stream its confidentiality. SNI names the remote domain (XEP-0368 §3).
 */
final class S2sTls {

    private final SslContext client;

    S2sTls() {
        try {
            client = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for server-to-server streams", e);
        }
    }

    SslHandler clientHandler(ByteBufAllocator allocator, String remoteDomain) {
        return client.newHandler(allocator, remoteDomain, RemoteEndpoints.DEFAULT_PORT);
    }
}
