package io.xsg.session.offline;

import java.time.Instant;

/**
 * A message held in offline storage.
 *
 * @param id           storage order: delivered in ascending id
 * @param owner        the recipient's username
 * @param eventId      the received event's id
 * @param sender       the sender's full JID
 * @param stanza       the message as received ({@code from} stamped)
 * @param storedAt     when it was stored: its {@code <delay/>} stamp
 * @param expiresAt    XEP-0079 expire-at, or {@code null}
 * @param expireAction XEP-0079 action at expiry ({@code drop}, {@code error}, {@code alert}), or {@code null}
 */
public record StoredMessage(long id, String owner, String eventId, String sender, String stanza, Instant storedAt,
                            Instant expiresAt, String expireAction) {
}
