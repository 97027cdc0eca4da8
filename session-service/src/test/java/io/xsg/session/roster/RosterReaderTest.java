package io.xsg.session.roster;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.session.TestSchema;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link RosterReader} on the real PostgreSQL, against what {@link RosterStore} wrote. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RosterReaderTest {

    private static final TestSchema SCHEMA = TestSchema.unique("roster_reader");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    private RosterReader reader;

    @Autowired
    private RosterStore store;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void accounts() {
        jdbc.update("delete from account");
        for (String name : new String[] {"joe", "ann"}) {
            jdbc.update("insert into account (username, created_at) values (?, now())", name);
        }
    }

    private static RosterItem item(String contact, String name, Set<String> groups, Subscription subscription,
                                   boolean listed) {
        return new RosterItem(contact, name, groups, new SubscriptionState(subscription, false, false), false,
                listed, null);
    }

    @Test
    void aRosterNeverChangedIsEmptyAtVersionZero() {
        var snapshot = reader.read("joe");
        assertThat(snapshot.version()).isZero();
        assertThat(snapshot.items()).isEmpty();
    }

    @Test
    void readsTheVersionAndTheListedItemsWithTheirGroupsAndNoOneElses() {
        var pending = new RosterItem("eve@b.test", null, Set.of(), new SubscriptionState(Subscription.NONE, false,
                true), false, false, "<presence type='subscribe'/>");
        var withPendingOut = new RosterItem("max@b.test", null, Set.of(), new SubscriptionState(Subscription.NONE,
                true, false), true, true, null);
        transactions.executeWithoutResult(status -> {
            store.save("joe", item("bob@b.test", "Bob", Set.of("Friends", "Work"), Subscription.BOTH, true));
            store.save("joe", item("amy@b.test", null, Set.of(), Subscription.TO, true));
            store.save("joe", withPendingOut);
            store.save("joe", pending); // a request kept outside the roster (RFC 6121 §3.1.3)
            store.nextVersion("joe");
            store.nextVersion("joe");
            store.save("ann", item("zed@b.test", "Zed", Set.of("Other"), Subscription.FROM, true));
            store.nextVersion("ann");
        });

        var snapshot = reader.read("joe");

        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(snapshot.items()).containsExactly(
                item("amy@b.test", null, Set.of(), Subscription.TO, true),
                item("bob@b.test", "Bob", Set.of("Friends", "Work"), Subscription.BOTH, true),
                withPendingOut);
        assertThat(snapshot.items()).as("what JPA reads, listed items only").containsExactlyInAnyOrderElementsOf(
                transactions.execute(status -> store.all("joe").stream().filter(RosterItem::listed).toList()));
    }
}
