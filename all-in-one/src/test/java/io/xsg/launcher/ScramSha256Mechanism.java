package io.xsg.launcher;

import io.xsg.xmpp.sasl.ScramMechanism;
import io.xsg.xmpp.sasl.TestScramClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.CallbackHandler;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * SCRAM-SHA-256 (RFC 7677) for Smack 4.4, which ships only SCRAM-SHA-1 (its SCRAM base class hard-codes SHA-1
 * for StoredKey). Registered through Smack's own SASL plug-in API, so the clients in these tests speak the
 * mechanism a modern client would choose. Checks the server's signature: a server that does not know the
 * password cannot pass.
 */
final class ScramSha256Mechanism extends SASLMechanism {

    static final String NAME = "SCRAM-SHA-256";

    private String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean serverVerified;

    @Override
    protected void authenticateInternal(CallbackHandler cbh) {
        throw new UnsupportedOperationException("password authentication only");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        clientNonce = Base64.getEncoder().encodeToString(random);
        clientFirstBare = "n=" + authenticationId.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return toBytes("n,," + clientFirstBare);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String message = new String(challenge, StandardCharsets.UTF_8);
        if (expectedServerSignature != null) {
            serverVerified = message.equals("v=" + Base64.getEncoder().encodeToString(expectedServerSignature));
            return null;
        }
        Map<Character, String> attrs = new HashMap<>();
        for (String part : message.split(",")) {
            attrs.put(part.charAt(0), part.substring(2));
        }
        String nonce = attrs.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce)) {
            throw new SmackSaslException("server nonce does not extend ours");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(attrs.get('s'));
            int iterations = Integer.parseInt(attrs.get('i'));
            String withoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + message + "," + withoutProof;
            // the same client-side computation the server's own tests use (xmpp-core's test-jar)
            byte[][] proofAndSignature = TestScramClient.proofAndSignature(ScramMechanism.SCRAM_SHA_256,
                    saslPrep(password), salt, iterations, authMessage);
            byte[] proof = proofAndSignature[0];
            expectedServerSignature = proofAndSignature[1];
            return toBytes(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        } catch (Exception e) {
            throw new SmackSaslException(e);
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        return 100; // preferred over SCRAM-SHA-1 (110)
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!serverVerified) {
            throw new SmackSaslException("the server's SCRAM signature did not verify");
        }
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }
}
