package io.xsg.session.subscriber;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An account allowed to text any number (a content provider). */
@Entity
@Table(name = "sms_sender")
class SmsSenderEntity {

    @Id
    private String username;

    @Column(name = "enabled_at", nullable = false)
    private OffsetDateTime enabledAt;

    protected SmsSenderEntity() {
    }

    SmsSenderEntity(String username, OffsetDateTime enabledAt) {
        this.username = username;
        this.enabledAt = enabledAt;
    }
}
