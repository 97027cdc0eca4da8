package io.xsg.routing.rule;

import io.xsg.delivery.Delivery;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.StanzaReceivedEvent;
import java.util.List;

/**
 * What routing does with one stanza: where it went ({@link Destination}), the deliveries to client streams (the
 * stanza itself, carbon copies, or an answer back to its sender), and at most one forward to the session service
 * for what needs an account's state.
 *
 * @param destination where the stanza went, by kind
 * @param deliveries  what to write to which session, in order
 * @param forward     the stanza for the session service, or {@code null}
 * @param remote      stanzas for other domains (federation): the stanza itself, or an answer to a remote sender
 */
public record Routed(Destination destination, List<Delivery> deliveries, AccountStanzaEvent forward,
                     List<StanzaReceivedEvent> remote) {

    /**
     * The kinds of destination (DESIGN.md): a new kind is named here, in {@code io.xsg.xmpp.jid.Destinations}, and
     * in the one place of {@link StanzaRouter#route} that decides for it. Components are not served yet: a stanza for
     * them comes back to its sender as an error, which is {@link #SENDER} (so is one for a remote domain when
     * federation is off).
     */
    public enum Destination {
        /** to the sessions of local accounts (the stanza, and any carbon copies) */
        SESSIONS,
        /** to the session service, for the state of the account it concerns (presence, roster) */
        ACCOUNT,
        /** to the session service for offline storage (copies may go to the sender's other sessions) */
        STORAGE,
        /** back to the sender: an answer from the server, or a stanza error */
        SENDER,
        /** to the SMS bridge (in the session service, keyed by the phone number) */
        SMS_BRIDGE,
        /** to another service of the operator */
        COMPONENT,
        /** to another domain, over federation (the stanza, or an answer to a remote sender) */
        REMOTE_DOMAIN,
        /** nowhere: dropped as RFC 6120/6121 require (errors for errors, headlines nobody can take, …) */
        NOWHERE
    }

    static final Routed NOTHING = new Routed(Destination.NOWHERE, List.of(), null);

    public Routed {
        deliveries = List.copyOf(deliveries);
        remote = List.copyOf(remote);
    }

    Routed(Destination destination, List<Delivery> deliveries, AccountStanzaEvent forward) {
        this(destination, deliveries, forward, List.of());
    }

    /** To another domain, with carbon copies for the sender's other sessions (XEP-0280). */
    static Routed remote(StanzaReceivedEvent stanza, List<Delivery> copies) {
        return new Routed(Destination.REMOTE_DOMAIN, copies, null, List.of(stanza));
    }

    static Routed deliver(List<Delivery> deliveries) {
        return deliveries.isEmpty() ? NOTHING : new Routed(Destination.SESSIONS, deliveries, null);
    }

    static Routed toSender(Delivery answer) {
        return new Routed(Destination.SENDER, List.of(answer), null);
    }

    static Routed forward(AccountStanzaEvent event) {
        Destination destination = switch (event.purpose()) {
            case OFFLINE_MESSAGE -> Destination.STORAGE;
            case SMS_OUTBOUND -> Destination.SMS_BRIDGE;
            default -> Destination.ACCOUNT;
        };
        return new Routed(destination, List.of(), event);
    }

    /** Stored for an account, while the sender's other sessions get their carbon copies. */
    static Routed store(AccountStanzaEvent event, List<Delivery> sentCopies) {
        return new Routed(Destination.STORAGE, sentCopies, event);
    }
}
