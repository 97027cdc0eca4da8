package io.xsg.session.offline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "offline_message")
class OfflineMessageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String owner;

    @Column(name = "event_id", nullable = false, unique = true)
    private String eventId;

    @Column(nullable = false)
    private String sender;

    @Column(nullable = false)
    private String stanza;

    @Column(name = "stored_at", nullable = false)
    private OffsetDateTime storedAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "expire_action")
    private String expireAction;

    protected OfflineMessageEntity() {
    }

    OfflineMessageEntity(String owner, String eventId, String sender, String stanza, OffsetDateTime storedAt,
                         OffsetDateTime expiresAt, String expireAction) {
        this.owner = owner;
        this.eventId = eventId;
        this.sender = sender;
        this.stanza = stanza;
        this.storedAt = storedAt;
        this.expiresAt = expiresAt;
        this.expireAction = expireAction;
    }

    StoredMessage toMessage() {
        return new StoredMessage(id, owner, eventId, sender, stanza, storedAt.toInstant(),
                expiresAt == null ? null : expiresAt.toInstant(), expireAction);
    }
}
