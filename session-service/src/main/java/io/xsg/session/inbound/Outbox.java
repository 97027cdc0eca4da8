package io.xsg.session.inbound;

import io.xsg.delivery.Delivery;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * What handling one account stanza produces: deliveries to client streams and stanzas forwarded to other accounts.
 * Written to the transactional outbox in the stanza's database transaction, and relayed to Kafka after it committed.
 */
public final class Outbox {

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<AccountStanzaEvent> forwards = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final List<OutboxStore.OutboxRecord> records = new ArrayList<>();

    /** @param deliveryId unique per (cause, target): the edge drops an id it has written before */
    public void deliver(String deliveryId, SessionEntry target, XmlElement stanza) {
        deliver(deliveryId, target, stanza.toXml());
    }

    public void deliver(String deliveryId, SessionEntry target, String xml) {
        deliveries.add(new Delivery(target.edgeId(), EdgeDeliveryEvent.stanza(deliveryId + "/" + target.sessionId(),
                target.sessionId(), xml)));
    }

    /** To the stream the event came from, which the directory may not show yet (it just bound or became available). */
    public void reply(String deliveryId, StanzaReceivedEvent event, XmlElement stanza) {
        if (event.sessionId() == null || event.edgeId() == null) {
            return;
        }
        deliveries.add(new Delivery(event.edgeId(), EdgeDeliveryEvent.stanza(deliveryId + "/" + event.sessionId(),
                event.sessionId(), stanza.toXml())));
    }

    public void forward(AccountStanzaEvent event) {
        forwards.add(event);
    }

    /** Any other record (an SMS submit request), already serialised as its topic's JSON. */
    public void publish(String topic, String key, String json) {
        records.add(new OutboxStore.OutboxRecord(topic, key, json));
    }

    public List<OutboxStore.OutboxRecord> records() {
        return records;
    }

    /**
     * Takes back a change to memory (what a session announced) if the batch runs again: after a database error, or
     * when its output was not acknowledged. The replay then produces the same output (an initial presence is initial
     * again), rather than treating the stanza as already seen.
     */
    public void undoIfRetried(Runnable action) {
        undo.add(action);
    }

    public List<Runnable> undoActions() {
        return undo;
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public List<AccountStanzaEvent> forwards() {
        return forwards;
    }
}
