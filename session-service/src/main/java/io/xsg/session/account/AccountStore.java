package io.xsg.session.account;

import io.xsg.session.config.SessionProperties;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and their SCRAM credentials: one credential per supported mechanism, derived when the password is
 * set and never the password itself. PLAIN is verified against the SCRAM-SHA-256 credential.
 */
@Service
public class AccountStore {

    /** Long enough to stop accidents, short enough for ICP test accounts; operators may enforce more upstream. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final String CREDENTIALS =
            "select mechanism, salt, iterations, stored_key, server_key from scram_credential where username = ?";

    private final AccountRepository accounts;
    private final JdbcTemplate jdbc;
    private final ScramCredentialRepository credentials;
    private final SessionProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public AccountStore(AccountRepository accounts, ScramCredentialRepository credentials, JdbcTemplate jdbc,
                        SessionProperties properties, Clock clock) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates an account; the username is normalised as an XMPP localpart (RFC 7622). */
    @Transactional
    public AccountView create(String username, String password) {
        String localpart = normalise(username);
        checkPassword(password);
        if (accounts.existsById(localpart)) {
            throw new AccountException.Exists(localpart);
        }
        var account = accounts.save(new AccountEntity(localpart, OffsetDateTime.now(clock)));
        storeCredentials(localpart, password);
        return new AccountView(account.username(), account.createdAt().toInstant());
    }

    @Transactional
    public void changePassword(String username, String password) {
        String localpart = normalise(username);
        checkPassword(password);
        if (!accounts.existsById(localpart)) {
            throw new AccountException.NotFound(localpart);
        }
        credentials.deleteAll(credentials.findByUsername(localpart));
        credentials.flush();
        storeCredentials(localpart, password);
    }

    @Transactional
    public void delete(String username) {
        String localpart = normalise(username);
        if (!accounts.existsById(localpart)) {
            throw new AccountException.NotFound(localpart);
        }
        credentials.deleteAll(credentials.findByUsername(localpart));
        accounts.deleteById(localpart);
    }

    /** The first {@code n} accounts by name, without loading the rest. */
    @Transactional(readOnly = true)
    public List<AccountView> first(int n) {
        return accounts.findAll(org.springframework.data.domain.PageRequest.of(0, n,
                        org.springframework.data.domain.Sort.by("username"))).stream()
                .map(a -> new AccountView(a.username(), a.createdAt().toInstant()))
                .toList();
    }

    @Transactional(readOnly = true)
    public long count() {
        return accounts.count();
    }

    @Transactional(readOnly = true)
    public List<AccountView> list() {
        return accounts.findAllByOrderByUsernameAsc().stream()
                .map(a -> new AccountView(a.username(), a.createdAt().toInstant()))
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return accounts.existsById(normalise(username));
    }

    /**
     * The stored SCRAM credentials of an account, empty when there is no such account. Read at every login that
     * misses the edge's cache, so one statement through JDBC rather than two through JPA; an account and its
     * credentials are written and removed together (above), so "no credentials" is "no account".
     */
    public Optional<List<StoredCredential>> credentials(String username) {
        String localpart;
        try {
            localpart = normalise(username);
        } catch (AccountException.InvalidUsername e) {
            return Optional.empty();
        }
        List<StoredCredential> stored = jdbc.query(CREDENTIALS, (row, i) -> new StoredCredential(row.getString(1),
                row.getString(2), row.getInt(3), row.getString(4), row.getString(5)), localpart);
        return stored.isEmpty() ? Optional.empty() : Optional.of(stored);
    }

    private void storeCredentials(String localpart, String password) {
        var b64 = Base64.getEncoder();
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            ScramCredential credential;
            try {
                credential = ScramCredential.generate(mechanism, password, random, properties.scramIterations());
            } catch (IllegalArgumentException e) {
                // SASLprep (RFC 4013) prohibits it; the message names no part of the password. Rolls back.
                throw new AccountException.InvalidPassword(
                        "the password contains characters SASLprep (RFC 4013) does not allow");
            }
            credentials.save(new ScramCredentialEntity(localpart, mechanism.mechanismName(),
                    b64.encodeToString(credential.salt()), credential.iterations(),
                    b64.encodeToString(credential.storedKey()), b64.encodeToString(credential.serverKey())));
        }
    }

    public static String normalise(String username) {
        if (username == null || username.isBlank()) {
            throw new AccountException.InvalidUsername(String.valueOf(username), "empty");
        }
        try {
            return Localpart.from(username).toString();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new AccountException.InvalidUsername(username, e.getMessage());
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException.InvalidPassword(
                    "the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new AccountException.InvalidPassword(
                    "the password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
