package io.xsg.events.serde;

import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.EdgeHeartbeat;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsMoPart;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmscEvent;

/**
 * One serde per event type, made once (building Jackson's reader and writer for a type is not cheap, and they are
 * immutable and thread-safe); all keys are UTF-8 strings.
 */
public final class EventSerdes {

    private static final JsonSerde<StanzaReceivedEvent> STANZA_RECEIVED = new JsonSerde<>(StanzaReceivedEvent.class);
    private static final JsonSerde<AccountStanzaEvent> ACCOUNT_STANZA = new JsonSerde<>(AccountStanzaEvent.class);
    private static final JsonSerde<io.xsg.events.v1.sms.SmscLinkStatus> SMSC_LINK_STATUS =
            new JsonSerde<>(io.xsg.events.v1.sms.SmscLinkStatus.class);
    private static final JsonSerde<EdgeDeliveryEvent> EDGE_DELIVERY = new JsonSerde<>(EdgeDeliveryEvent.class);
    private static final JsonSerde<SessionEntry> SESSION_ENTRY = new JsonSerde<>(SessionEntry.class);
    private static final JsonSerde<EdgeHeartbeat> EDGE_HEARTBEAT = new JsonSerde<>(EdgeHeartbeat.class);
    private static final JsonSerde<SmsSubmitRequest> SMS_SUBMIT = new JsonSerde<>(SmsSubmitRequest.class);
    private static final JsonSerde<SmscEvent> SMSC_EVENT = new JsonSerde<>(SmscEvent.class);
    private static final JsonSerde<SmsMoPart> SMS_MO_PART = new JsonSerde<>(SmsMoPart.class);

    private EventSerdes() {
    }

    public static JsonSerde<StanzaReceivedEvent> stanzaReceived() {
        return STANZA_RECEIVED;
    }

    public static JsonSerde<AccountStanzaEvent> accountStanza() {
        return ACCOUNT_STANZA;
    }

    public static JsonSerde<io.xsg.events.v1.sms.SmscLinkStatus> smscLinkStatus() {
        return SMSC_LINK_STATUS;
    }

    public static JsonSerde<EdgeDeliveryEvent> edgeDelivery() {
        return EDGE_DELIVERY;
    }

    public static JsonSerde<SessionEntry> sessionEntry() {
        return SESSION_ENTRY;
    }

    public static JsonSerde<EdgeHeartbeat> edgeHeartbeat() {
        return EDGE_HEARTBEAT;
    }

    public static JsonSerde<SmsSubmitRequest> smsSubmit() {
        return SMS_SUBMIT;
    }

    /** Submit results, delivery reports and MO SMS share one topic; the JSON names the kind. */
    public static JsonSerde<SmscEvent> smscEvent() {
        return SMSC_EVENT;
    }

    public static JsonSerde<SmsMoPart> smsMoPart() {
        return SMS_MO_PART;
    }
}
