package io.xsg.session.roster;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlWriter;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.SessionEntry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
    private static final int READERS = 4;

    private final RosterReader reader;
    private final SessionDirectory directory;
    /**
     * Where the reads run once the directory has the session: the request thread is not held during the wait, so a
     * directory running behind (a reconnect storm) cannot tie up the threads SASL's credential lookups need.
     */
    private final ExecutorService readers;

    RosterController(RosterReader reader, SessionDirectory directory) {
        this.reader = reader;
        this.directory = directory;
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "roster-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param session the session that asked: the read waits (without a request thread) until this service's copy of
     *                the directory has it, taking roster pushes (the edge wrote that with the binding, just before
     *                calling), so that a change committed after the read is pushed to it; 409 if the copy does not
     *                get there in time (the edge then sends the get through Kafka)
     */
    @GetMapping("/internal/rosters/{username}")
    public CompletableFuture<ResponseEntity<Roster>> roster(@PathVariable String username,
                                                            @RequestParam String session) {
        CompletableFuture<SessionEntry> entry = directory.entryOf(session);
        return entry.orTimeout(DIRECTORY_WAIT.toMillis(), TimeUnit.MILLISECONDS).handleAsync((found, error) -> {
            if (error != null || !found.rosterRequested()) {
                directory.stopAwaiting(session, entry);
                return ResponseEntity.status(HttpStatus.CONFLICT).<Roster>build();
            }
            RosterReader.Snapshot roster = reader.read(username);
            return ResponseEntity.ok(new Roster(roster.version(),
                    XmlWriter.toXml(RosterXml.query(roster.items(), roster.version()), Namespaces.CLIENT)));
        }, readers);
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
