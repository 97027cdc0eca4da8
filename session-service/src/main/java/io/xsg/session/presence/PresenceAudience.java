package io.xsg.session.presence;

import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.RosterStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Who receives an account's presence broadcasts: the contacts subscribed to it (subscription from or both), kept in
 * memory per account and reloaded only when the account's roster version moved. A presence update then costs one
 * primary-key read instead of loading the whole roster; every change to who is subscribed raises the version (it
 * is a change to a listed item, which is pushed), so the list is never stale, whichever instance made the change.
 */
@Component
public class PresenceAudience {

    private record Cached(long version, List<String> subscribers) {
    }

    /** Accounts whose presence changes often enough to be worth remembering; beyond this the oldest are dropped. */
    private static final int MAX_ACCOUNTS = 100_000;

    private final RosterStore store;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PresenceAudience(RosterStore store) {
        this.store = store;
    }

    /** The bare JIDs subscribed to the owner's presence; call inside a transaction. */
    public List<String> subscribers(String owner) {
        long version = store.version(owner);
        Cached cached = cache.get(owner);
        if (cached != null && cached.version == version) {
            return cached.subscribers;
        }
        return remember(owner, version, store.all(owner));
    }

    /** Refreshes the cache from a roster the caller loaded anyway (at login), at the version read with it. */
    public List<String> remember(String owner, long version, List<RosterItem> roster) {
        List<String> subscribers = roster.stream().filter(i -> i.state().subscription().from())
                .map(RosterItem::contact).toList();
        if (cache.size() >= MAX_ACCOUNTS) {
            cache.clear(); // crude, and cheap to recover from: the next broadcast of each account reloads
        }
        cache.put(owner, new Cached(version, subscribers));
        return subscribers;
    }
}
