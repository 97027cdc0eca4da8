package io.xsg.session.roster;

import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.Subscription;
import io.xsg.session.roster.SubscriptionState;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "roster_item")
@IdClass(RosterItemEntity.Key.class)
class RosterItemEntity {

    record Key(String owner, String contact) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    private String owner;

    @Id
    private String contact;

    private String name;

    @Column(nullable = false)
    private String subscription;

    @Column(name = "pending_out", nullable = false)
    private boolean pendingOut;

    @Column(name = "pending_in", nullable = false)
    private boolean pendingIn;

    @Column(nullable = false)
    private boolean approved;

    @Column(nullable = false)
    private boolean listed;

    @Column(name = "pending_stanza")
    private String pendingStanza;

    /** Serialises two transactions that change one row (a user's and a contact's stanza applied at once). */
    @Version
    private long version;

    @ElementCollection
    @CollectionTable(name = "roster_group", joinColumns = {@JoinColumn(name = "owner", referencedColumnName = "owner"),
            @JoinColumn(name = "contact", referencedColumnName = "contact")})
    @Column(name = "group_name", nullable = false)
    private Set<String> groups = new HashSet<>();

    protected RosterItemEntity() {
    }

    RosterItemEntity(String owner, String contact) {
        this.owner = owner;
        this.contact = contact;
    }

    void update(RosterItem item) {
        name = item.name();
        subscription = item.state().subscription().name();
        pendingOut = item.state().pendingOut();
        pendingIn = item.state().pendingIn();
        approved = item.approved();
        listed = item.listed();
        pendingStanza = item.pendingStanza();
        if (!groups.equals(item.groups())) {
            groups.clear();
            groups.addAll(item.groups());
        }
    }

    RosterItem toItem() {
        return new RosterItem(contact, name, groups,
                new SubscriptionState(Subscription.valueOf(subscription), pendingOut, pendingIn), approved, listed,
                pendingStanza);
    }
}
