package io.xsg.xmpp.sasl;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.StringPreparation;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What the server stores for one user and one SCRAM mechanism (RFC 5802 §3): the salt, the
 * iteration count, StoredKey and ServerKey. The password itself is never kept.
 *
 * <p>Arrays are not copied: callers must not mutate them. {@link #toString()} and
 * {@link #hashCode()} never expose the keys.
 */
public record ScramCredential(ScramMechanism mechanism, byte[] salt, int iterations, byte[] storedKey,
        byte[] serverKey) {

    /** RFC 7677 recommends at least 4096 iterations for SCRAM-SHA-256; used for both mechanisms. */
    public static final int DEFAULT_ITERATIONS = 4096;

    /** Length of salts made by {@link #generate}. */
    public static final int SALT_LENGTH = 16;

    public ScramCredential {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (storedKey.length != mechanism.keyLength() || serverKey.length != mechanism.keyLength()) {
            throw new IllegalArgumentException("key length does not match " + mechanism.mechanismName());
        }
    }

    /**
     * Computes the credential for a password. The password goes through SASLprep (RFC 4013) as
     * RFC 5802 §2.2 requires, using scram-common's {@code SASL_PREPARATION}, which applies the
     * stored-string rules (unassigned code points are refused).
     *
     * @throws IllegalArgumentException if the password is empty or prohibited by SASLprep
     */
    public static ScramCredential derive(ScramMechanism m, String password, byte[] salt, int iterations) {
        Objects.requireNonNull(m, "mechanism");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        char[] chars = password.toCharArray();
        byte[] saltedPassword;
        try {
            saltedPassword = ScramFunctions.saltedPassword(m.delegate(), StringPreparation.SASL_PREPARATION,
                    chars, salt, iterations);
        } finally {
            Arrays.fill(chars, '\0');
        }
        byte[] clientKey = ScramFunctions.clientKey(m.delegate(), saltedPassword);
        byte[] storedKey = ScramFunctions.storedKey(m.delegate(), clientKey);
        byte[] serverKey = ScramFunctions.serverKey(m.delegate(), saltedPassword);
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        return new ScramCredential(m, salt.clone(), iterations, storedKey, serverKey);
    }

    /** Like {@link #derive} with a fresh random salt of {@value #SALT_LENGTH} bytes. */
    public static ScramCredential generate(ScramMechanism m, String password, SecureRandom rnd, int iterations) {
        Objects.requireNonNull(rnd, "rnd");
        byte[] salt = new byte[SALT_LENGTH];
        rnd.nextBytes(salt);
        return derive(m, password, salt, iterations);
    }

    /**
     * Checks a cleartext password (for PLAIN) against this credential. Returns false, rather than
     * throwing, for passwords SASLprep rejects, since such a password can never have been stored.
     */
    public boolean verifyPassword(String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        ScramCredential candidate;
        try {
            candidate = derive(mechanism, password, salt, iterations);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(candidate.storedKey, storedKey);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ScramCredential other
                && mechanism == other.mechanism
                && iterations == other.iterations
                && Arrays.equals(salt, other.salt)
                // Constant time, since these are secrets.
                && MessageDigest.isEqual(storedKey, other.storedKey)
                && MessageDigest.isEqual(serverKey, other.serverKey);
    }

    /** Built from public fields only, so hash tables cannot become an oracle for the keys. */
    @Override
    public int hashCode() {
        return Objects.hash(mechanism, iterations, Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
        return "ScramCredential[mechanism=" + mechanism.mechanismName()
                + ", salt=" + Base64.getEncoder().encodeToString(salt)
                + ", iterations=" + iterations
                + ", storedKey=<redacted>, serverKey=<redacted>]";
    }
}
