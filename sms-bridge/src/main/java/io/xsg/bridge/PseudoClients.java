package io.xsg.bridge;

import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Pseudo clients (DESIGN.md §3): a handset that texted {@code LOGIN} appears as the resource {@code joe@a.test/sms},
 * a session in the session directory like any client's, so routing's RFC 6121 rules, presence broadcast, probes and
 * offline delivery treat it as they treat a PC. Its "edge" is the bridge itself ({@value #EDGE_ID}): deliveries to it
 * arrive on that edge's delivery topic ({@link PseudoClientInbox}), and every session service instance keeps the
 * edge's heartbeat going ({@link SmsTimers}) with one incarnation that never changes, so the dead-edge reaper leaves pseudo sessions
 * alone while any instance lives and a restart does not log every handset out.
 */
@Component
public class PseudoClients {

    public static final String EDGE_ID = "sms-bridge";
    /** Pseudo sessions are durable (the database says who is logged in), so the bridge edge never changes its run id. */
    static final String INCARNATION = "durable";

    private final Handsets handsets;
    private final BridgeStanzas stanzas;
    private final SmsBridgeProperties properties;
    private final Clock clock;

    public PseudoClients(Handsets handsets, BridgeStanzas stanzas, SmsBridgeProperties properties, Clock clock) {
        this.handsets = handsets;
        this.stanzas = stanzas;
        this.properties = properties;
        this.clock = clock;
    }

    /** The pseudo client's full JID for an account. */
    public String fullJid(String username) {
        return username + "@" + stanzas.domain() + "/" + properties.pseudoClient().resource();
    }

    /**
     * Makes the handset's pseudo client an available resource: its directory entry first, then its initial presence
     * (as an edge does: routing must know the session before the presence's answers come for it). The caller holds the
     * handset's lock.
     *
     * @return false if it was logged in already
     */
    public boolean login(String msisdn, String username, BridgeOutput out) {
        if (handsets.login(msisdn).isPresent()) {
            handsets.active(msisdn);
            return false;
        }
        String sessionId = "sms-" + UUID.randomUUID();
        String jid = fullJid(username);
        int priority = properties.pseudoClient().priority();
        StanzaReceivedEvent presence = stanzas.presence("sms/" + sessionId + "/login", jid, null, null, priority,
                EDGE_ID, sessionId);
        out.directory(sessionId, new SessionEntry(sessionId, jid, EDGE_ID, INCARNATION, true, priority,
                clock.millis(), presence.xml(), false, false));
        out.barrier(); // the entry is in the directory before its presence is routed, as an edge does it
        out.stanza(presence);
        handsets.loggedIn(msisdn, sessionId, jid);
        return true;
    }

    /**
     * Makes it unavailable and removes its session, as a client closing its stream would. The caller holds the
     * handset's lock.
     *
     * @return false if it was not logged in
     */
    public boolean logout(String msisdn, BridgeOutput out) {
        var login = handsets.login(msisdn);
        if (login.isEmpty()) {
            return false;
        }
        String sessionId = login.get().sessionId();
        out.stanza(stanzas.presence("sms/" + sessionId + "/logout", login.get().jid(), null, "unavailable", null,
                EDGE_ID, sessionId));
        out.directory(sessionId, null);
        handsets.loggedOut(msisdn);
        return true;
    }
}
