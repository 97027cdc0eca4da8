package io.xsg.edge.stream;

import io.xsg.edge.config.EdgeIdentity;
import io.xsg.edge.config.EdgeProperties;
import io.xsg.edge.delivery.EdgePublisher;
import io.xsg.edge.metrics.EdgeMetrics;
import io.xsg.edge.sasl.AuthFailureLimiter;
import io.xsg.edge.sasl.PasswordHashing;
import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.edge.session.LocalSessions;
import io.xsg.edge.session.SessionEntries;
import io.xsg.edge.session.SessionTermination;
import io.xsg.edge.tls.ServerTls;
import io.xsg.xmpp.xml.XmlLimits;
import org.springframework.stereotype.Component;

/** What every client stream on this edge shares. */
@Component
public record StreamContext(EdgeProperties properties, EdgeIdentity identity, ServerTls tls,
                            SessionServiceClient accounts, AuthFailureLimiter limiter, PasswordHashing hashing,
                            LocalSessions sessions, SessionEntries entries,
                            EdgePublisher publisher, SessionTermination termination, EdgeMetrics metrics) {

    public XmlLimits limits() {
        var c2s = properties.c2s();
        return new XmlLimits(c2s.maxStanzaBytes(), c2s.maxDepth(), c2s.maxAttributes(),
                XmlLimits.DEFAULT_MAX_STREAM_HEADER_BYTES);
    }

    public String domain() {
        return properties.domain();
    }
}
