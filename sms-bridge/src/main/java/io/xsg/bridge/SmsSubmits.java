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
 * The bridge's durable correlation (tables {@code sms_submit}, {@code sms_segment}): which XMPP sender and stanza
 * each submitted SMS answers to, and the SMSC's id of each of its segments. Every change is a state transition
 * guarded in SQL, so a submit result or receipt seen twice (Kafka redelivers) changes nothing the second time, and
 * the caller tells the sender only when a transition happened.
 */
@Component
public class SmsSubmits {

    /**
     * An SMS the bridge submitted, as the XMPP side knows it.
     *
     * @param requester who to answer: the sender's full JID, or {@code null} for the bridge's own texts (command
     *                  replies, notices), which nobody waits for
     * @param recipient the address the sender wrote to, which receipts and errors come from: {@code +E164@sms.<domain>}
     *                  or the pseudo client {@code joe@a.test/sms}
     */
    public record Submit(String submitId, String handset, String requester, String recipient, String stanzaId,
                         boolean receiptRequested) {
    }

    /** An SMS in a handset's outbox, not released yet. */
    public record Waiting(String submitId, String json, Instant expiresAt) {
    }

    /** What a receipt for one segment settled. */
    public enum Settled {
        /** nothing new: more segments to come, a duplicate, or an id this bridge never submitted */
        NOTHING,
        /** every segment reached the handset (for the first time) */
        DELIVERED,
        /** a segment failed for good (the first failure) */
        FAILED
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SmsSubmits(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Puts an SMS in its handset's outbox ({@code WAITING}), in the transaction that accepted it; nothing if its id
     * is known already.
     */
    public void waiting(Submit s, String requestJson, Instant expiresAt) {
        jdbc.update("insert into sms_submit (submit_id, handset, requester, recipient, stanza_id, receipt_requested,"
                        + " state, created_at, request, expires_at, seq) values (?, ?, ?, ?, ?, ?, 'WAITING', ?, ?, ?,"
                        + " nextval('sms_outbox_seq')) on conflict do nothing", s.submitId(), s.handset(),
                s.requester() == null ? "" : s.requester(), s.recipient(), s.stanzaId(), s.receiptRequested(),
                Timestamp.from(clock.instant()), requestJson, Timestamp.from(expiresAt));
    }

    public Optional<Submit> find(String submitId) {
        return jdbc.query("select submit_id, handset, requester, recipient, stanza_id, receipt_requested"
                        + " from sms_submit where submit_id = ?", (rs, n) -> new Submit(rs.getString(1),
                        rs.getString(2), emptyToNull(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getBoolean(6)), submitId).stream().findFirst();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The handset's waiting SMS whose expiry has passed: to be dropped, never sent late. */
    public List<Waiting> expiredWaiting(String handset, Instant now) {
        return jdbc.query("select submit_id, request, expires_at from sms_submit where handset = ? and state ="
                + " 'WAITING' and expires_at <= ? order by seq", WAITING, handset, Timestamp.from(now));
    }

    /** The handset's oldest waiting SMS, in the order they were accepted. */
    public List<Waiting> oldestWaiting(String handset, int limit) {
        return jdbc.query("select submit_id, request, expires_at from sms_submit where handset = ? and state ="
                + " 'WAITING' order by seq limit ?", WAITING, handset, limit);
    }

    private static final org.springframework.jdbc.core.RowMapper<Waiting> WAITING = (rs, n) -> new Waiting(
            rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());

    /**
     * SMS of the handset released to the SMSC and still holding its window: no final receipt yet, released after
     * {@code since} (an older one has had its receipt timeout).
     */
    public int inFlight(String handset, Instant since) {
        Integer n = jdbc.queryForObject("select count(*) from sms_submit where handset = ? and state in ('QUEUED',"
                + " 'SUBMITTED') and released_at > ?", Integer.class, handset, Timestamp.from(since));
        return n == null ? 0 : n;
    }

    /** How a handset's outbox stands: SMS waiting, and SMS released and still holding the window. */
    public record Occupancy(int waiting, int inFlight) {
    }

    /** One query for both counts (the fast path of an SMS to an idle handset). */
    public Occupancy occupancy(String handset, Instant releasedSince) {
        return jdbc.queryForObject("select coalesce(sum(case when state = 'WAITING' then 1 else 0 end), 0),"
                        + " coalesce(sum(case when state <> 'WAITING' and released_at > ? then 1 else 0 end), 0)"
                        + " from sms_submit where handset = ? and state in ('WAITING', 'QUEUED', 'SUBMITTED')",
                (rs, n) -> new Occupancy(rs.getInt(1), rs.getInt(2)), Timestamp.from(releasedSince), handset);
    }

    /** Straight to its link: nothing waits before it and the window has room. False if its id is known already. */
    public boolean releasedAtOnce(Submit s, Instant expiresAt) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("insert into sms_submit (submit_id, handset, requester, recipient, stanza_id,"
                        + " receipt_requested, state, created_at, released_at, expires_at, seq) values (?, ?, ?, ?, ?, ?,"
                        + " 'QUEUED', ?, ?, ?, nextval('sms_outbox_seq')) on conflict do nothing", s.submitId(),
                s.handset(), s.requester() == null ? "" : s.requester(), s.recipient(), s.stanzaId(),
                s.receiptRequested(), now, now, Timestamp.from(expiresAt)) > 0;
    }

    /**
     * Forgets SMS settled (delivered, failed, expired) before {@code settledAge}, and any older than {@code maxAge}
     * whose receipt never came: correlation is only needed while answers can still arrive.
     */
    public int purge(Duration settledAge, Duration maxAge) {
        Instant now = clock.instant();
        return jdbc.update("delete from sms_submit where (state in ('DELIVERED', 'FAILED', 'EXPIRED') and created_at < ?)"
                + " or created_at < ?", Timestamp.from(now.minus(settledAge)), Timestamp.from(now.minus(maxAge)));
    }

    /** Handsets with SMS waiting in their outbox. */
    public List<String> handsetsWaiting() {
        return jdbc.queryForList("select distinct handset from sms_submit where state = 'WAITING'", String.class);
    }

    /** Out of the outbox, to its link. */
    public boolean released(String submitId) {
        return jdbc.update("update sms_submit set state = 'QUEUED', released_at = ?, request = null"
                + " where submit_id = ? and state = 'WAITING'", Timestamp.from(clock.instant()), submitId) > 0;
    }

    /** Expired in the outbox, never submitted. */
    public boolean expired(String submitId) {
        return jdbc.update("update sms_submit set state = 'EXPIRED', request = null where submit_id = ?"
                + " and state = 'WAITING'", submitId) > 0;
    }

    /**
     * The SMSC took every segment: their ids are what its receipts name. Receipts that arrived before this (held)
     * are applied now.
     *
     * @return empty if this result was seen before (or the submit failed meanwhile); else what the held receipts
     *         settled
     */
    public Optional<Settled> accepted(String submitId, String linkId, List<String> messageIds) {
        int changed = jdbc.update("update sms_submit set state = 'SUBMITTED', segments = ? where submit_id = ?"
                + " and state = 'QUEUED'", messageIds.size(), submitId);
        if (changed == 0) {
            return Optional.empty();
        }
        for (String id : messageIds) {
            // an SMSC may reuse an id after a while: the older segment's correlation gives way
            jdbc.update("delete from sms_segment where link_id = ? and message_id = ?", linkId, id);
            jdbc.update("insert into sms_segment (link_id, message_id, submit_id, state) values (?, ?, ?, 'SENT')",
                    linkId, id, submitId);
        }
        Settled settled = Settled.NOTHING;
        for (String id : messageIds) {
            List<Boolean> held = jdbc.queryForList("select delivered from sms_held_receipt where link_id = ?"
                    + " and message_id = ?", Boolean.class, linkId, id);
            if (!held.isEmpty()) {
                jdbc.update("delete from sms_held_receipt where link_id = ? and message_id = ?", linkId, id);
                Settled now = receipt(linkId, id, held.get(0)).map(Receipt::settled).orElse(Settled.NOTHING);
                if (now != Settled.NOTHING) {
                    settled = now;
                }
            }
        }
        return Optional.of(settled);
    }

    /** Forgets held receipts that no result of this bridge named within {@code age}: they were someone else's. */
    public int purgeHeld(Duration age) {
        return jdbc.update("delete from sms_held_receipt where received_at < ?",
                Timestamp.from(clock.instant().minus(age)));
    }

    /** The SMS will not reach the handset (refused, expired before sending, or a failed segment). */
    public boolean failed(String submitId) {
        return jdbc.update("update sms_submit set state = 'FAILED' where submit_id = ?"
                + " and state in ('QUEUED', 'SUBMITTED')", submitId) > 0;
    }

    /**
     * A final receipt for one segment.
     *
     * @return the submit it belongs to and what it settled, or empty for an id no result has named yet (the receipt
     *         is held until one does)
     */
    public Optional<Receipt> receipt(String linkId, String messageId, boolean delivered) {
        List<String> owner = jdbc.queryForList("select submit_id from sms_segment where link_id = ? and message_id = ?",
                String.class, linkId, messageId);
        if (owner.isEmpty()) {
            hold(linkId, messageId, delivered);
            return Optional.empty();
        }
        String submitId = owner.get(0);
        Submit submit = find(submitId).orElseThrow();
        int changed = jdbc.update("update sms_segment set state = ? where link_id = ? and message_id = ?"
                + " and state = 'SENT'", delivered ? "DELIVERED" : "FAILED", linkId, messageId);
        if (changed == 0) {
            return Optional.of(new Receipt(submit, Settled.NOTHING));
        }
        if (!delivered) {
            return Optional.of(new Receipt(submit, failed(submitId) ? Settled.FAILED : Settled.NOTHING));
        }
        Integer waiting = jdbc.queryForObject("select count(*) from sms_segment where submit_id = ?"
                + " and state <> 'DELIVERED'", Integer.class, submitId);
        if (waiting != null && waiting > 0) {
            return Optional.of(new Receipt(submit, Settled.NOTHING));
        }
        boolean first = jdbc.update("update sms_submit set state = 'DELIVERED' where submit_id = ?"
                + " and state = 'SUBMITTED'", submitId) > 0;
        return Optional.of(new Receipt(submit, first ? Settled.DELIVERED : Settled.NOTHING));
    }

    public record Receipt(Submit submit, Settled settled) {
    }

    private void hold(String linkId, String messageId, boolean delivered) {
        // the same receipt twice is held once (no caught duplicate-key error: PostgreSQL would abort the transaction)
        jdbc.update("insert into sms_held_receipt (link_id, message_id, delivered, received_at)"
                + " values (?, ?, ?, ?) on conflict do nothing", linkId, messageId, delivered,
                Timestamp.from(clock.instant()));
    }
}
