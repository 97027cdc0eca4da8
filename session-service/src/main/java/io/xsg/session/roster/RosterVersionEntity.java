package io.xsg.session.roster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "roster_version")
class RosterVersionEntity {

    @Id
    private String owner;

    @Column(nullable = false)
    private long version;

    protected RosterVersionEntity() {
    }

    RosterVersionEntity(String owner) {
        this.owner = owner;
    }

    long next() {
        return ++version;
    }

    long version() {
        return version;
    }
}
