package io.xsg.session.roster;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One contact in an owner's roster, or a pending request from someone not (yet) in it.
 *
 * @param contact       the contact's bare JID
 * @param name          the owner's name for it, or {@code null}
 * @param groups        the owner's groups for it
 * @param state         the subscription state
 * @param approved      a pre-approval (RFC 6121 §3.4): the contact's next request is accepted at once
 * @param listed        part of the roster the owner sees; false for a row that only records a pending request
 * @param pendingStanza the subscribe stanza of a pending inbound request, re-delivered at each login
 */
public record RosterItem(String contact, String name, Set<String> groups, SubscriptionState state, boolean approved,
                         boolean listed, String pendingStanza) {

    public RosterItem {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(state, "state");
        groups = groups == null ? Set.of() : Set.copyOf(new TreeSet<>(groups));
    }

    /** A contact the owner has not dealt with yet. */
    public static RosterItem unknown(String contact) {
        return new RosterItem(contact, null, Set.of(), SubscriptionState.NONE, false, false, null);
    }

    public RosterItem withState(SubscriptionState next) {
        return new RosterItem(contact, name, groups, next, approved, listed, next.pendingIn() ? pendingStanza : null);
    }

    public RosterItem listedWith(String newName, Set<String> newGroups) {
        return new RosterItem(contact, newName, newGroups, state, approved, true, pendingStanza);
    }

    /** The same item, now part of the roster the owner sees. */
    public RosterItem inRoster() {
        return listed ? this : new RosterItem(contact, name, groups, state, approved, true, pendingStanza);
    }

    public RosterItem withApproved(boolean value) {
        return new RosterItem(contact, name, groups, state, value, listed, pendingStanza);
    }

    public RosterItem withPendingStanza(String xml) {
        return new RosterItem(contact, name, groups, state, approved, listed, xml);
    }

    /** Neither in the roster nor remembering anything: no row needed. */
    public boolean disposable() {
        return !listed && state.isEmpty() && !approved;
    }
}
