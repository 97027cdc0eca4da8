package io.xsg.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsg.edge.session.LocalSessions;
import org.springframework.stereotype.Component;

/**
 * The edge's meters: {@code xmpp.stanzas{direction,kind}} (in from clients, out to them), {@code xmpp.sessions}
 * (bound streams, detached ones included) and {@code xmpp.sm.resumptions}. Counters are made once, so counting is
 * a plain increment on the stanza path.
 */
@Component
public class EdgeMetrics {

    private final Counter inMessage;
    private final Counter inPresence;
    private final Counter inIq;
    private final Counter outMessage;
    private final Counter outPresence;
    private final Counter outIq;
    private final Counter resumptions;
    private final Counter rosterDirect;
    private final Counter rosterByKafka;

    public EdgeMetrics(MeterRegistry registry, LocalSessions sessions) {
        inMessage = stanzas(registry, "in", "message");
        inPresence = stanzas(registry, "in", "presence");
        inIq = stanzas(registry, "in", "iq");
        outMessage = stanzas(registry, "out", "message");
        outPresence = stanzas(registry, "out", "presence");
        outIq = stanzas(registry, "out", "iq");
        resumptions = Counter.builder("xmpp.sm.resumptions").description("streams resumed (XEP-0198)")
                .register(registry);
        rosterDirect = rosterReads(registry, "direct");
        rosterByKafka = rosterReads(registry, "kafka");
        Gauge.builder("xmpp.sessions", sessions, LocalSessions::size).description("bound client sessions")
                .register(registry);
    }

    private static Counter stanzas(MeterRegistry registry, String direction, String kind) {
        return Counter.builder("xmpp.stanzas").description("stanzas read from or written to clients")
                .tag("direction", direction).tag("kind", kind).register(registry);
    }

    private static Counter rosterReads(MeterRegistry registry, String path) {
        return Counter.builder("xmpp.roster.first.gets")
                .description("a session's first roster get: answered from the session service's read, or sent on "
                        + "through Kafka (the read failed, or a roster push overtook it)")
                .tag("path", path).register(registry);
    }

    /** A session's first roster get answered from the session service's read ({@code true}) or through Kafka. */
    public void firstRosterGet(boolean direct) {
        (direct ? rosterDirect : rosterByKafka).increment();
    }

    /** A stanza read from a client; {@code kind} is its element name. */
    public void received(String kind) {
        switch (kind) {
            case "message" -> inMessage.increment();
            case "presence" -> inPresence.increment();
            default -> inIq.increment();
        }
    }

    /** A stanza written to a client, told by the start of its serialised form. */
    public void sent(String xml) {
        if (xml.startsWith("<m")) {
            outMessage.increment();
        } else if (xml.startsWith("<p")) {
            outPresence.increment();
        } else {
            outIq.increment();
        }
    }

    public void resumed() {
        resumptions.increment();
    }
}
