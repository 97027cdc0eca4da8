package io.xsg.bridge;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Virtual numbers (DESIGN.md §3): for each handset, the number it sees each remote party as, so that its reply finds
 * the party again. Numbers are taken from the range in turn and kept; once the range is used up, the handset's least
 * recently used mapping is handed to the new party. Per handset, not global: {@code X000000001} is a different party
 * for each phone. Callers hold the handset's lock ({@link Handsets#lock}), so allocation needs no other coordination.
 */
@Component
public class VirtualNumbers {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SmsBridgeProperties.VirtualNumbers range;

    public VirtualNumbers(JdbcTemplate jdbc, Clock clock, SmsBridgeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.range = properties.virtualNumbers();
    }

    /** The handset's number for {@code jid} (a bare JID), allocated now if it has none; marks it used. */
    public String numberFor(String msisdn, String jid) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> known = jdbc.queryForList("select number from sms_virtual_number where msisdn = ? and jid = ?",
                String.class, msisdn, jid);
        if (!known.isEmpty()) {
            jdbc.update("update sms_virtual_number set last_used = ? where msisdn = ? and number = ?", now, msisdn,
                    known.get(0));
            return known.get(0);
        }
        Long used = jdbc.queryForObject("select numbers_used from sms_handset where msisdn = ?", Long.class, msisdn);
        long taken = used == null ? 0 : used;
        if (taken < range.size()) {
            String number = range.number(taken + 1);
            jdbc.update("update sms_handset set numbers_used = ? where msisdn = ?", taken + 1, msisdn);
            jdbc.update("insert into sms_virtual_number (msisdn, number, jid, last_used) values (?, ?, ?, ?)",
                    msisdn, number, jid, now);
            return number;
        }
        String oldest = jdbc.queryForObject("select number from sms_virtual_number where msisdn = ?"
                + " order by last_used, number limit 1", String.class, msisdn);
        jdbc.update("update sms_virtual_number set jid = ?, last_used = ? where msisdn = ? and number = ?", jid, now,
                msisdn, oldest);
        return oldest;
    }

    /** The party a number stands for, for this handset; marks it used. */
    public Optional<String> jidFor(String msisdn, String number) {
        String normalised = normalise(number);
        List<String> jid = jdbc.queryForList("select jid from sms_virtual_number where msisdn = ? and number = ?",
                String.class, msisdn, normalised);
        if (jid.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("update sms_virtual_number set last_used = ? where msisdn = ? and number = ?",
                Timestamp.from(clock.instant()), msisdn, normalised);
        return Optional.of(jid.get(0));
    }

    /** The number for {@code jid} if the handset has one, without allocating or touching it. */
    public Optional<String> existing(String msisdn, String jid) {
        return jdbc.queryForList("select number from sms_virtual_number where msisdn = ? and jid = ?", String.class,
                msisdn, jid).stream().findFirst();
    }

    /** Every mapping of one handset, most recently used first. */
    public List<Mapping> of(String msisdn) {
        return jdbc.query("select number, jid, last_used from sms_virtual_number where msisdn = ?"
                        + " order by last_used desc, number", (rs, n) -> new Mapping(rs.getString(1),
                        rs.getString(2), rs.getTimestamp(3).toInstant()), msisdn);
    }

    public boolean isVirtual(String number) {
        return range.contains(number);
    }

    private String normalise(String number) {
        return range.prefix() + number.substring(range.prefix().length());
    }

    public record Mapping(String number, String jid, java.time.Instant lastUsed) {
    }
}
