package io.xsg.routing.rule;

import io.xsg.events.v1.EdgeDeliveryEvent;

/** One routing outcome: what to send to which edge. */
public record Delivery(String edgeId, EdgeDeliveryEvent event) {
}
