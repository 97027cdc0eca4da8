package io.xsg.events.v1;

import java.util.Objects;

/**
 * A stanza an edge read from a client stream, with {@code from} already stamped by the edge.
 * Keyed on the stanza topic by {@link #routingKey()} so that one recipient's stanzas stay in order.
 *
 * @param eventId    unique per received stanza; deliveries derive their ids from it, so a redelivery is recognisable
 * @param kind       {@code message}, {@code presence} or {@code iq}
 * @param type       the stanza's {@code type} attribute, or {@code null}
 * @param from       the sender's full JID, as authenticated by the edge
 * @param to         the addressee, or {@code null} for the sender's own server/account
 * @param xml        the stanza serialised in the {@code jabber:client} namespace
 * @param edgeId     the edge that received it
 * @param sessionId  the client session that sent it
 * @param receivedAt epoch milliseconds
 * @param failedSession set when the edge re-sends a stanza that it wrote to this session's stream but the stream died
 *                   before the client acknowledged it (XEP-0198): it must now go elsewhere, never back there
 */
public record StanzaReceivedEvent(String eventId, String kind, String type, String from, String to, String xml,
                                  String edgeId, String sessionId, long receivedAt, String failedSession) {

    public StanzaReceivedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(xml, "xml");
    }

    /** A stanza a client sent. */
    public StanzaReceivedEvent(String eventId, String kind, String type, String from, String to, String xml,
                               String edgeId, String sessionId, long receivedAt) {
        this(eventId, kind, type, from, to, xml, edgeId, sessionId, receivedAt, null);
    }

    /** The recipient's bare JID, or the sender's when the stanza is for the sender's own server or account. */
    public String routingKey() {
        String target = to != null ? to : from;
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }
}
