package io.xsg.events.v1;

import java.util.Objects;

/**
 * What routing asks one edge to do on one of its client streams. Published to that edge's delivery topic.
 *
 * @param deliveryId unique per (received stanza, target session); the edge drops a delivery id it has already written
 * @param sessionId  the target stream; a delivery for a stream that no longer exists is dropped
 * @param action     write a stanza or close the stream
 * @param payload    the stanza XML for {@link Action#STANZA}, the stream error condition for {@link Action#CLOSE_STREAM}
 */
public record EdgeDeliveryEvent(String deliveryId, String sessionId, Action action, String payload) {

    public enum Action { STANZA, CLOSE_STREAM }

    public EdgeDeliveryEvent {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(payload, "payload");
    }

    public static EdgeDeliveryEvent stanza(String deliveryId, String sessionId, String xml) {
        return new EdgeDeliveryEvent(deliveryId, sessionId, Action.STANZA, xml);
    }

    public static EdgeDeliveryEvent closeStream(String deliveryId, String sessionId, String condition) {
        return new EdgeDeliveryEvent(deliveryId, sessionId, Action.CLOSE_STREAM, condition);
    }
}
