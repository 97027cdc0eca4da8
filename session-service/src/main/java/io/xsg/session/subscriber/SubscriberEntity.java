package io.xsg.session.subscriber;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A handset subscriber: an account and its phone number (E.164, with '+'). */
@Entity
@Table(name = "subscriber")
class SubscriberEntity {

    @Id
    private String username;

    @Column(nullable = false, unique = true)
    private String msisdn;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected SubscriberEntity() {
    }

    SubscriberEntity(String username, String msisdn, OffsetDateTime createdAt) {
        this.username = username;
        this.msisdn = msisdn;
        this.createdAt = createdAt;
    }

    SubscriberView view() {
        return new SubscriberView(username, msisdn, createdAt.toInstant());
    }
}
