package io.xsg.session.roster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The roster an edge reads as a session binds ({@link RosterController}): its version and its listed items with their
 * groups, in one SQL statement. One statement reads one snapshot (PostgreSQL and H2 both take one per statement), so
 * the version and the items agree without a transaction around two queries. Plain JDBC rather than JPA because it
 * runs at every login: the JPA way (a REPEATABLE READ transaction, then the version and the items in two queries)
 * took about twice the session service's CPU per read ({@code InternalApiDriver roster}, README).
 */
@Component
class RosterReader {

    /** A roster as one snapshot showed it: its version (0 before its first change) and its listed items. */
    record Snapshot(long version, List<RosterItem> items) {
    }

    private static final String READ = """
            select v.version, i.contact, i.name, i.subscription, i.pending_out, i.pending_in, i.approved,
                   i.pending_stanza, g.group_name
            from (select cast(? as varchar(1023)) as owner) o
            left join roster_version v on v.owner = o.owner
            left join roster_item i on i.owner = o.owner and i.listed
            left join roster_group g on g.owner = i.owner and g.contact = i.contact
            order by i.contact""";

    private final JdbcTemplate jdbc;

    RosterReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Snapshot read(String owner) {
        return jdbc.query(READ, rows -> {
            long version = 0;
            Map<String, RosterItem> items = new LinkedHashMap<>();
            Map<String, Set<String>> groups = new LinkedHashMap<>();
            while (rows.next()) {
                version = rows.getLong(1); // 0 when the roster has no version row yet
                String contact = rows.getString(2);
                if (contact == null) {
                    continue; // no listed item: the one row carries the version alone
                }
                if (!items.containsKey(contact)) {
                    items.put(contact, new RosterItem(contact, rows.getString(3), Set.of(),
                            new SubscriptionState(Subscription.valueOf(rows.getString(4)), rows.getBoolean(5),
                                    rows.getBoolean(6)), rows.getBoolean(7), true, rows.getString(8)));
                    groups.put(contact, new HashSet<>());
                }
                String group = rows.getString(9);
                if (group != null) {
                    groups.get(contact).add(group);
                }
            }
            List<RosterItem> listed = new ArrayList<>(items.size());
            items.forEach((contact, item) -> listed.add(new RosterItem(contact, item.name(), groups.get(contact),
                    item.state(), item.approved(), true, item.pendingStanza())));
            return new Snapshot(version, listed);
        }, owner);
    }
}
