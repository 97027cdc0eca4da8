package io.xsg.session.roster;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlWriter;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.SessionEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's roster for the edge, which reads it right after binding and answers the session's first roster get
 * with it rather than sending the get through Kafka (two hops and a batch transaction while the client waits, at
 * login). Read-only: every change to a roster still goes through {@code xmpp.account-stanzas} and
 * {@link RosterHandler}. The edge uses it only while the session has sent no account stanza of its own, and goes the
 * Kafka way when a roster push overtook the answer.
 * The read waits until this instance's copy of the directory shows the session interested, so that a change
 * handled after that is pushed to it. A change whose transaction was already under way then, or one handled by
 * another instance whose copy is behind, may be neither in the read nor pushed: the same narrow window the Kafka way
 * has, where the get and the directory write also travel apart.
 */
@RestController
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
class RosterController {

    /** The roster's version and its {@code <query/>} element, serialised. */
    record Roster(long version, String query) {
    }

    private static final Duration DIRECTORY_WAIT = Duration.ofSeconds(2);

    private final RosterStore store;
    private final SessionDirectory directory;
    private final TransactionTemplate reads;

    RosterController(RosterStore store, SessionDirectory directory, PlatformTransactionManager transactions) {
        this.store = store;
        this.directory = directory;
        this.reads = new TransactionTemplate(transactions);
        reads.setReadOnly(true);
        reads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ); // the version and the items agree
    }

    /**
     * @param session the session that asked: the read waits until this service's copy of the directory shows it
     *                taking roster pushes (the edge wrote that with the binding, just before calling), so that a
     *                change committed after the read is pushed to it; 409 if the copy does not get there in time
     *                (the edge then sends the get through Kafka)
     */
    @GetMapping("/internal/rosters/{username}")
    public ResponseEntity<Roster> roster(@PathVariable String username, @RequestParam String session) {
        long deadline = System.nanoTime() + DIRECTORY_WAIT.toNanos();
        while (!interested(session)) {
            if (System.nanoTime() > deadline) {
                return ResponseEntity.status(HttpStatus.CONFLICT).build();
            }
            LockSupport.parkNanos(500_000); // outside the transaction: no connection held while waiting
        }
        return ResponseEntity.ok(reads.execute(status -> {
            long version = store.version(username);
            List<RosterItem> items = store.all(username).stream().filter(RosterItem::listed).toList();
            return new Roster(version, XmlWriter.toXml(RosterXml.query(items, version), Namespaces.CLIENT));
        }));
    }

    private boolean interested(String sessionId) {
        SessionEntry entry = directory.bySessionId(sessionId);
        return entry != null && entry.rosterRequested();
    }
}
