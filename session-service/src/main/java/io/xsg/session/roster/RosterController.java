package io.xsg.session.roster;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlWriter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's roster for the edge, which answers a session's first roster get with it rather than sending the get
 * through Kafka (two hops and a batch transaction while the client waits, at login). Read-only: every change to a
 * roster still goes through {@code xmpp.account-stanzas} and {@link RosterHandler}. The edge uses it only while the
 * session has sent no account stanza of its own, and goes the Kafka way when a roster push overtook the answer.
 */
@RestController
@ConditionalOnProperty(name = "gateway.session.im.enabled", matchIfMissing = true)
class RosterController {

    /** The roster's version and its {@code <query/>} element, serialised. */
    record Roster(long version, String query) {
    }

    private final RosterStore store;

    RosterController(RosterStore store) {
        this.store = store;
    }

    @GetMapping("/internal/rosters/{username}")
    @Transactional(readOnly = true)
    public Roster roster(@PathVariable String username) {
        long version = store.version(username);
        List<RosterItem> items = store.all(username).stream().filter(RosterItem::listed).toList();
        return new Roster(version, XmlWriter.toXml(RosterXml.query(items, version), Namespaces.CLIENT));
    }
}
