package io.xsg.session.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
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

    /** An SMS the bridge submitted, as the XMPP side knows it. */
    public record Submit(String submitId, String handset, String requester, String stanzaId,
                         boolean receiptRequested) {
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

    /** Records a submit about to be queued, in the transaction that queues it. */
    public void queued(Submit s) {
        jdbc.update("insert into sms_submit (submit_id, handset, requester, stanza_id, receipt_requested, state,"
                        + " created_at) values (?, ?, ?, ?, ?, 'QUEUED', ?)", s.submitId(), s.handset(), s.requester(),
                s.stanzaId(), s.receiptRequested(), Timestamp.from(clock.instant()));
    }

    public Optional<Submit> find(String submitId) {
        return jdbc.query("select submit_id, handset, requester, stanza_id, receipt_requested from sms_submit"
                        + " where submit_id = ?", (rs, n) -> new Submit(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5)), submitId).stream().findFirst();
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
        try {
            jdbc.update("insert into sms_held_receipt (link_id, message_id, delivered, received_at)"
                    + " values (?, ?, ?, ?)", linkId, messageId, delivered, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException again) {
            // the same receipt twice: held once
        }
    }
}
