package io.xsg.bridge;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bridge's per-handset row ({@code sms_handset}): whether its pseudo client is logged in and as which directory
 * session, whether it wants presence notices, when it last spoke. {@link #lock} is how every change to one handset
 * (its outbox, its login, its virtual numbers) is serialised across threads and instances: a row lock held to the end
 * of the caller's transaction.
 */
@Component
public class Handsets {

    /** A logged-in pseudo client. */
    public record Login(String msisdn, String sessionId, String jid, Instant loggedInAt, Instant lastActive) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Handsets(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Locks the handset's row until the transaction ends, creating it first if needed (the insert only then: a
     * conflicting insert costs far more than a lookup).
     */
    public void lock(String msisdn) {
        if (jdbc.queryForList(LOCK, String.class, msisdn).isEmpty()) {
            jdbc.update("insert into sms_handset (msisdn) values (?) on conflict do nothing", msisdn);
            jdbc.queryForList(LOCK, String.class, msisdn);
        }
    }

    private static final org.springframework.jdbc.core.RowMapper<Login> LOGIN = (rs, n) -> new Login(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
            rs.getTimestamp(5).toInstant());

    private static final String LOCK = "select msisdn from sms_handset where msisdn = ? for update";

    public Optional<Login> login(String msisdn) {
        return jdbc.query("select msisdn, session_id, session_jid, logged_in_at, last_active from sms_handset"
                + " where msisdn = ? and session_id is not null", LOGIN, msisdn).stream().findFirst();
    }

    public Optional<String> bySession(String sessionId) {
        return jdbc.queryForList("select msisdn from sms_handset where session_id = ?", String.class, sessionId)
                .stream().findFirst();
    }

    public void loggedIn(String msisdn, String sessionId, String jid) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("update sms_handset set session_id = ?, session_jid = ?, logged_in_at = ?, last_active = ?"
                + " where msisdn = ?", sessionId, jid, now, now, msisdn);
    }

    public void loggedOut(String msisdn) {
        jdbc.update("update sms_handset set session_id = null, session_jid = null, logged_in_at = null"
                + " where msisdn = ?", msisdn);
    }

    /** The handset texted something: its pseudo client's idle timer starts again. */
    public void active(String msisdn) {
        jdbc.update("update sms_handset set last_active = ? where msisdn = ?", Timestamp.from(clock.instant()), msisdn);
    }

    /** Pseudo clients whose handset has sent nothing for {@code idle}. */
    public List<String> idle(Duration idle) {
        return jdbc.queryForList("select msisdn from sms_handset where session_id is not null and last_active < ?",
                String.class, Timestamp.from(clock.instant().minus(idle)));
    }

    public List<Login> logins() {
        return jdbc.query("select msisdn, session_id, session_jid, logged_in_at, last_active from sms_handset"
                + " where session_id is not null order by msisdn", LOGIN);
    }

    public void notices(String msisdn, boolean on) {
        jdbc.update("update sms_handset set notify = ? where msisdn = ?", on, msisdn);
    }

    public boolean wantsNotices(String msisdn) {
        return jdbc.queryForList("select notify from sms_handset where msisdn = ?", Boolean.class, msisdn).stream()
                .findFirst().orElse(false);
    }

    /**
     * Whether to tell the handset that {@code jid} came online: not if it was told less than {@code interval} ago.
     * Records the notice when it says yes.
     */
    public boolean noticeDue(String msisdn, String jid, Duration interval) {
        Instant now = clock.instant();
        int updated = jdbc.update("update sms_presence_notice set notified_at = ? where msisdn = ? and jid = ?"
                + " and notified_at <= ?", Timestamp.from(now), msisdn, jid, Timestamp.from(now.minus(interval)));
        if (updated > 0) {
            return true;
        }
        return jdbc.update("insert into sms_presence_notice (msisdn, jid, notified_at) values (?, ?, ?)"
                + " on conflict do nothing", msisdn, jid, Timestamp.from(now)) > 0;
    }

    /** Records an MO id; false when it was handled before (the SMSC delivered it again). */
    public boolean firstSight(String moId) {
        return jdbc.update("insert into sms_mo_seen (mo_id, received_at) values (?, ?) on conflict do nothing",
                moId, Timestamp.from(clock.instant())) > 0;
    }

    public int purgeSeen(Duration age) {
        return jdbc.update("delete from sms_mo_seen where received_at < ?", Timestamp.from(clock.instant().minus(age)));
    }
}
