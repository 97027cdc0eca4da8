package io.xsg.session.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "account")
class AccountEntity {

    @Id
    private String username;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected AccountEntity() {
    }

    AccountEntity(String username, OffsetDateTime createdAt) {
        this.username = username;
        this.createdAt = createdAt;
    }

    String username() {
        return username;
    }

    OffsetDateTime createdAt() {
        return createdAt;
    }
}
