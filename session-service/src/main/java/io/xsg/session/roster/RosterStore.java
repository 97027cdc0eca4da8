package io.xsg.session.roster;

import io.xsg.session.account.AccountException;
import io.xsg.session.account.AccountStore;
import io.xsg.session.roster.RosterItem;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rosters, their pending requests and their versions (XEP-0237). Callers run inside the transaction of the stanza
 * they handle (one account's stanzas are handled one at a time, in order, so rows of one owner never race).
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class RosterStore {

    private final RosterItemRepository items;
    private final RosterVersionRepository versions;
    private final AccountStore accounts;

    RosterStore(RosterItemRepository items, RosterVersionRepository versions, AccountStore accounts) {
        this.items = items;
        this.versions = versions;
        this.accounts = accounts;
    }

    public boolean accountExists(String username) {
        try {
            return accounts.exists(username);
        } catch (AccountException.InvalidUsername notAnAccountName) {
            return false;
        }
    }

    /** Every row of the owner, pending requests from outside the roster included. */
    public List<RosterItem> all(String owner) {
        return items.findWithGroupsByOwner(owner).stream().map(RosterItemEntity::toItem).toList();
    }

    public Optional<RosterItem> find(String owner, String contact) {
        return items.findById(new RosterItemEntity.Key(owner, contact)).map(RosterItemEntity::toItem);
    }

    public long listedCount(String owner) {
        return items.countByOwnerAndListedTrue(owner);
    }

    /** Stores the item, or removes its row when there is nothing left to remember. */
    public void save(String owner, RosterItem item) {
        var key = new RosterItemEntity.Key(owner, item.contact());
        if (item.disposable()) {
            items.findById(key).ifPresent(items::delete);
            return;
        }
        RosterItemEntity entity = items.findById(key).orElseGet(() -> new RosterItemEntity(owner, item.contact()));
        entity.update(item);
        items.save(entity);
    }

    public void delete(String owner, String contact) {
        items.findById(new RosterItemEntity.Key(owner, contact)).ifPresent(items::delete);
    }

    public long version(String owner) {
        return versions.findById(owner).map(RosterVersionEntity::version).orElse(0L);
    }

    /**
     * Raises the owner's roster version and returns the new one. The row stays locked until the transaction ends; two
     * first versions of one roster at once make one transaction fail on the key, and it is retried.
     */
    public long nextVersion(String owner) {
        RosterVersionEntity v = versions.lockByOwner(owner).orElseGet(() -> new RosterVersionEntity(owner));
        long next = v.next();
        versions.save(v);
        return next;
    }
}
