package io.xsg.session.account;

import io.xsg.session.config.SessionProperties;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * What the credentials endpoint answers for an account that does not exist: credentials shaped exactly like real
 * ones (salt length, iteration count, key lengths), derived from the username and a secret kept in the database.
 * The same name gets the same salt from every edge, before and after restarts, so a SASL challenge never tells
 * whether an account exists; the keys are no password's, so no proof or PLAIN password ever matches them, and the
 * edge does the same work (PBKDF2 for PLAIN) as for a real account.
 */
@Component
public class DecoyCredentials {

    static final String SECRET_NAME = "sasl-decoy";

    private final ServerSecrets secrets;
    private final int iterations;

    public DecoyCredentials(ServerSecrets secrets, SessionProperties properties) {
        this.secrets = secrets;
        this.iterations = properties.scramIterations();
    }

    public List<StoredCredential> forUnknown(String username) {
        byte[] key = secrets.get(SECRET_NAME);
        var b64 = Base64.getEncoder();
        return Arrays.stream(ScramMechanism.values())
                .map(m -> new StoredCredential(m.mechanismName(),
                        b64.encodeToString(derive(key, "salt", m, username, ScramCredential.SALT_LENGTH)),
                        iterations,
                        b64.encodeToString(derive(key, "stored-key", m, username, m.keyLength())),
                        b64.encodeToString(derive(key, "server-key", m, username, m.keyLength()))))
                .toList();
    }

    private static byte[] derive(byte[] key, String purpose, ScramMechanism m, String username, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((purpose + '\0' + m.mechanismName() + '\0' + username).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
