package io.xsg.routing.rule;

import io.xsg.directory.Delivery;
import io.xsg.events.v1.AccountStanzaEvent;
import java.util.List;

/**
 * What routing does with one stanza: deliveries to client streams, and at most one forward to the session service
 * for what needs an account's state (presence, the roster, offline storage).
 *
 * @param deliveries what to write to which session, in order
 * @param forward    the stanza for the session service, or {@code null}
 */
public record Routed(List<Delivery> deliveries, AccountStanzaEvent forward) {

    static final Routed NOTHING = new Routed(List.of(), null);

    public Routed {
        deliveries = List.copyOf(deliveries);
    }

    static Routed deliver(List<Delivery> deliveries) {
        return deliveries.isEmpty() ? NOTHING : new Routed(deliveries, null);
    }

    static Routed forward(AccountStanzaEvent event) {
        return new Routed(List.of(), event);
    }
}
