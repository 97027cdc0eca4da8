package io.xsg.events.serde;

import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsMoPart;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmscEvent;

/** One serde per event type; all keys are UTF-8 strings. */
public final class EventSerdes {

    private EventSerdes() {
    }

    public static JsonSerde<StanzaReceivedEvent> stanzaReceived() {
        return new JsonSerde<>(StanzaReceivedEvent.class);
    }

    public static JsonSerde<AccountStanzaEvent> accountStanza() {
        return new JsonSerde<>(AccountStanzaEvent.class);
    }

    public static JsonSerde<io.xsg.events.v1.sms.SmscLinkStatus> smscLinkStatus() {
        return new JsonSerde<>(io.xsg.events.v1.sms.SmscLinkStatus.class);
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

    public static JsonSerde<SmsSubmitRequest> smsSubmit() {
        return new JsonSerde<>(SmsSubmitRequest.class);
    }

    /** Submit results, delivery reports and MO SMS share one topic; the JSON names the kind. */
    public static JsonSerde<SmscEvent> smscEvent() {
        return new JsonSerde<>(SmscEvent.class);
    }

    public static JsonSerde<SmsMoPart> smsMoPart() {
        return new JsonSerde<>(SmsMoPart.class);
    }
}
