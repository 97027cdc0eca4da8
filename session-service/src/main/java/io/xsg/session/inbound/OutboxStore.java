package io.xsg.session.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox's table: one row per handled stanza that produced Kafka records, written inside that
 * stanza's transaction, deleted once Kafka acknowledged every record in it. Plain JDBC: one insert per stanza and
 * one delete per relayed batch, on the transaction JPA opened.
 */
@Component
public class OutboxStore {

    /** One Kafka record; the value is the event's JSON. */
    public record OutboxRecord(String topic, String key, String value) {
    }

    /** A row awaiting its relay. */
    public record Pending(long id, int sourcePartition, List<OutboxRecord> records, Instant createdAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<OutboxRecord>> RECORDS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public OutboxStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inside the caller's transaction; returns the row as the relay will see it, or null for no records. */
    public Pending save(int sourcePartition, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.update("insert into outbox (source_partition, records, created_at) values (:p, :r, :t)",
                new MapSqlParameterSource().addValue("p", sourcePartition)
                        .addValue("r", JSON.writeValueAsString(records))
                        .addValue("t", Timestamp.from(now)), keys, new String[] {"id"});
        return new Pending(keys.getKey().longValue(), sourcePartition, records, now);
    }

    /** The oldest rows of these partitions, in the order they were written. */
    public List<Pending> pending(Collection<Integer> partitions, int limit) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select id, source_partition, records, created_at from outbox "
                        + "where source_partition in (:ps) order by id limit :n",
                new MapSqlParameterSource().addValue("ps", partitions).addValue("n", limit),
                (rs, i) -> new Pending(rs.getLong(1), rs.getInt(2), JSON.readValue(rs.getString(3), RECORDS),
                        rs.getTimestamp(4).toInstant()));
    }

    public void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("delete from outbox where id in (:ids)", new MapSqlParameterSource("ids", ids));
        }
    }

    public long count() {
        Long n = jdbc.getJdbcOperations().queryForObject("select count(*) from outbox", Long.class);
        return n == null ? 0 : n;
    }
}
