package io.xsg.xmpp.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dialback keys as XEP-0185 recommends: HMAC-SHA256 keyed with the hex SHA-256 of a secret, over
 * {@code receiving ' ' originating ' ' streamId}, in hex. Every edge of a deployment holds the same secret, so whichever
 * edge a peer asks to verify (the authoritative server, XEP-0220 §2.3) recognises a key another edge sent.
 */
public final class DialbackKeys {

    private final byte[] hmacKey;

    public DialbackKeys(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the dialback secret must have at least 16 characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            this.hmacKey = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The key an originating server sends to a receiving server that gave it {@code streamId}. */
    public String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            byte[] out = mac.doFinal((receiving + ' ' + originating + ' ' + streamId)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code key} is the one we would have sent; compared in constant time. */
    public boolean verify(String receiving, String originating, String streamId, String key) {
        if (key == null) {
            return false;
        }
        return MessageDigest.isEqual(key(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII),
                key.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
