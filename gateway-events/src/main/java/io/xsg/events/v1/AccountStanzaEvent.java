package io.xsg.events.v1;

import java.util.Objects;

/**
 * A stanza that an account's state must handle, for the session service: routing forwards what it cannot decide from
 * the session directory alone, and the session service forwards the inbound half of a subscription to the contact's
 * account. Keyed on {@code xmpp.account-stanzas} by {@link #account()}, so one account's roster and presence changes
 * are applied in order by one consumer.
 *
 * @param account the bare JID whose state the stanza touches
 * @param purpose what the session service is to do with it
 * @param stanza  the stanza as the edge published it ({@code from} stamped)
 */
public record AccountStanzaEvent(String account, Purpose purpose, StanzaReceivedEvent stanza) {

    public enum Purpose {
        /** A presence a local user sent: broadcast, directed, or a subscription request or answer (RFC 6121 §3–4). */
        OUTBOUND_PRESENCE,
        /** A subscription stanza to a local user from a contact, already processed on the contact's side. */
        INBOUND_SUBSCRIPTION,
        /**
         * A presence probe from another domain's server (RFC 6121 §4.3.2) to a local account: answered with the
         * account's current presence if the prober is subscribed to it.
         */
        PROBE,
        /** A roster get or set (RFC 6121 §2). */
        ROSTER,
        /** A message no resource may receive now: store it (XEP-0160). */
        OFFLINE_MESSAGE,
        /**
         * A message to a phone number ({@code +E164@sms.<domain>}), for the SMS bridge; {@code account} is the number,
         * so that one handset's messages stay in order on one partition whoever sends them.
         */
        SMS_OUTBOUND
    }

    public AccountStanzaEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(stanza, "stanza");
    }
}
