package io.xsg.session.offline;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Offline storage (XEP-0160): what is kept for whom, in order, and what has expired. */
@Service
@Transactional
public class OfflineStore {

    private final OfflineMessageRepository messages;
    private final Clock clock;

    OfflineStore(OfflineMessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** Stores a message; false if this event was stored before (a redelivery). */
    public boolean store(String owner, String eventId, String sender, String stanza, Instant expiresAt,
                         String expireAction) {
        if (messages.existsByEventId(eventId)) {
            return false;
        }
        messages.save(new OfflineMessageEntity(owner, eventId, sender, stanza, OffsetDateTime.now(clock),
                expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC), expireAction));
        return true;
    }

    public long count(String owner) {
        return messages.countByOwner(owner);
    }

    @Transactional(readOnly = true)
    public List<StoredMessage> pending(String owner) {
        return messages.findByOwnerOrderByIdAsc(owner).stream().map(OfflineMessageEntity::toMessage).toList();
    }

    /** Messages whose expiry has come, oldest first. */
    @Transactional(readOnly = true)
    public List<StoredMessage> expired(int max) {
        return messages.findByExpiresAtLessThanEqualOrderByIdAsc(OffsetDateTime.now(clock), Limit.of(max)).stream()
                .map(OfflineMessageEntity::toMessage).toList();
    }

    /** Removes one message; true if this call removed it (so only one remover acts on it). */
    public boolean remove(long id) {
        return messages.deleteOne(id) == 1;
    }
}
