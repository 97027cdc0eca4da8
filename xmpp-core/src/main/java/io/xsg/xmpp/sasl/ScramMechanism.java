package io.xsg.xmpp.sasl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The SCRAM mechanisms this server offers (no -PLUS variants: channel binding is not supported). */
public enum ScramMechanism {
    SCRAM_SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", com.ongres.scram.common.ScramMechanism.SCRAM_SHA_1),
    SCRAM_SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", com.ongres.scram.common.ScramMechanism.SCRAM_SHA_256);

    private final String mechanismName;
    private final String hmacAlgorithm;
    private final String hashAlgorithm;
    private final com.ongres.scram.common.ScramMechanism delegate;
    private final int keyLength;

    ScramMechanism(String mechanismName, String hmacAlgorithm, String hashAlgorithm,
            com.ongres.scram.common.ScramMechanism delegate) {
        this.mechanismName = mechanismName;
        this.hmacAlgorithm = hmacAlgorithm;
        this.hashAlgorithm = hashAlgorithm;
        this.delegate = delegate;
        try {
            this.keyLength = MessageDigest.getInstance(hashAlgorithm).getDigestLength();
        } catch (NoSuchAlgorithmException e) {
            // Both algorithms are mandatory in every Java SE platform.
            throw new IllegalStateException(hashAlgorithm + " not available", e);
        }
    }

    /** The IANA SASL mechanism name, as advertised in {@code <mechanisms/>}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** JCA name of the HMAC, e.g. {@code HmacSHA256}. */
    public String hmacAlgorithm() {
        return hmacAlgorithm;
    }

    /** JCA name of the hash, e.g. {@code SHA-256}. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** Length in bytes of StoredKey, ServerKey, proofs and signatures. */
    public int keyLength() {
        return keyLength;
    }

    /** Exact, case-sensitive lookup: SASL mechanism names are upper-case by definition (RFC 4422 §3.1). */
    public static Optional<ScramMechanism> byName(String name) {
        for (ScramMechanism m : values()) {
            if (m.mechanismName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    com.ongres.scram.common.ScramMechanism delegate() {
        return delegate;
    }
}
