package io.xsg.events.serde;

import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;

/** One serde per event type; all keys are UTF-8 strings. */
public final class EventSerdes {

    private EventSerdes() {
    }

    public static JsonSerde<StanzaReceivedEvent> stanzaReceived() {
        return new JsonSerde<>(StanzaReceivedEvent.class);
    }

    public static JsonSerde<EdgeDeliveryEvent> edgeDelivery() {
        return new JsonSerde<>(EdgeDeliveryEvent.class);
    }

    public static JsonSerde<SessionEntry> sessionEntry() {
        return new JsonSerde<>(SessionEntry.class);
    }

    public static JsonSerde<EdgeHeartbeat> edgeHeartbeat() {
        return new JsonSerde<>(EdgeHeartbeat.class);
    }
}
