package io.xsg.events.v1;

import java.util.Objects;

/**
 * What routing asks one edge to do on one of its client streams. Published to that edge's delivery topic.
 *
 * @param deliveryId unique per (received stanza, target session); the edge drops a delivery id it has already written
 * @param sessionId  the target stream; a delivery for a stream that no longer exists is dropped
 * @param action     write a stanza or close the stream
 * @param payload    the stanza XML for {@link Action#STANZA}, the stream error condition for {@link Action#CLOSE_STREAM}
 * @param shared     other sessions got the same message (several resources, or carbon copies): if this one's stream
 *                   fails before acknowledging it, it is not routed again (the user has it elsewhere)
 */
public record EdgeDeliveryEvent(String deliveryId, String sessionId, Action action, String payload, boolean shared) {

    public enum Action { STANZA, CLOSE_STREAM }

    public EdgeDeliveryEvent {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(payload, "payload");
    }

    /** A delivery to this session alone (also what readers make of events written before {@code shared} was). */
    public EdgeDeliveryEvent(String deliveryId, String sessionId, Action action, String payload) {
        this(deliveryId, sessionId, action, payload, false);
    }

    public EdgeDeliveryEvent asShared() {
        return shared ? this : new EdgeDeliveryEvent(deliveryId, sessionId, action, payload, true);
    }

    public static EdgeDeliveryEvent stanza(String deliveryId, String sessionId, String xml) {
        return new EdgeDeliveryEvent(deliveryId, sessionId, Action.STANZA, xml);
    }

    public static EdgeDeliveryEvent closeStream(String deliveryId, String sessionId, String condition) {
        return new EdgeDeliveryEvent(deliveryId, sessionId, Action.CLOSE_STREAM, condition);
    }
}
