package io.xsg.delivery;

import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;

/** What to send to which edge. */
public record Delivery(String edgeId, EdgeDeliveryEvent event) {

    /** The stanza to one session; the delivery id joins the cause's id and the session, so a re-send is recognised. */
    public static Delivery stanza(String causeId, SessionEntry target, String xml) {
        return new Delivery(target.edgeId(), EdgeDeliveryEvent.stanza(causeId + "/" + target.sessionId(),
                target.sessionId(), xml));
    }

    /** The same delivery, marked as one of several copies of a message (see {@link EdgeDeliveryEvent#shared()}). */
    public Delivery asShared() {
        return new Delivery(edgeId, event.asShared());
    }
}
