package io.xsg.session.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Random keys made once, kept in the database, and so the same for every instance and after every restart. The
 * first instance to ask for a name creates it; one that loses that race reads the winner's.
 */
@Component
public class ServerSecrets {

    private static final int BYTES = 32;

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public ServerSecrets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The secret of this name, created on first use. */
    public byte[] get(String name) {
        return cache.computeIfAbsent(name, this::loadOrCreate).clone();
    }

    private byte[] loadOrCreate(String name) {
        byte[] found = load(name);
        if (found != null) {
            return found;
        }
        byte[] fresh = new byte[BYTES];
        random.nextBytes(fresh);
        try {
            jdbc.update("insert into server_secret (name, secret) values (?, ?)", name,
                    Base64.getEncoder().encodeToString(fresh));
            return fresh;
        } catch (DuplicateKeyException lostTheRace) {
            return load(name);
        }
    }

    private byte[] load(String name) {
        List<String> rows = jdbc.queryForList("select secret from server_secret where name = ?", String.class, name);
        return rows.isEmpty() ? null : Base64.getDecoder().decode(rows.get(0));
    }
}
