package io.xsg.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side SCRAM computations written directly on javax.crypto, independent of scram-common, so
 * the tests do not check the server against the library it is built on. ASCII passwords only (no
 * SASLprep). Shared with the other modules' tests through this module's test-jar.
 */
public final class TestScramClient {
    private TestScramClient() {
    }

    public static byte[] hmac(String alg, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        return mac.doFinal(data);
    }

    /** Hi() of RFC 5802 §2.2, i.e. PBKDF2 with one output block. */
    public static byte[] hi(String alg, String password, byte[] salt, int iterations) throws Exception {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[first.length - 1] = 1;
        byte[] u = hmac(alg, key, first);
        byte[] result = u.clone();
        for (int n = 1; n < iterations; n++) {
            u = hmac(alg, key, u);
            for (int k = 0; k < result.length; k++) {
                result[k] ^= u[k];
            }
        }
        return result;
    }

    /** Returns {clientProof, serverSignature} for the given AuthMessage. */
    public static byte[][] proofAndSignature(ScramMechanism m, String password, byte[] salt, int iterations,
            String authMessage) throws Exception {
        String alg = m.hmacAlgorithm();
        byte[] salted = hi(alg, password, salt, iterations);
        byte[] clientKey = hmac(alg, salted, bytes("Client Key"));
        byte[] storedKey = MessageDigest.getInstance(m.hashAlgorithm()).digest(clientKey);
        byte[] clientSignature = hmac(alg, storedKey, bytes(authMessage));
        byte[] proof = new byte[clientKey.length];
        for (int k = 0; k < proof.length; k++) {
            proof[k] = (byte) (clientKey[k] ^ clientSignature[k]);
        }
        byte[] serverKey = hmac(alg, salted, bytes("Server Key"));
        return new byte[][] {proof, hmac(alg, serverKey, bytes(authMessage))};
    }

    /**
     * Builds the client-final-message answering {@code serverFirst}, taking salt and iterations from it.
     * {@code middle} is inserted between r= and p= (extensions), may be empty.
     */
    public static String clientFinal(ScramMechanism m, String password, String gs2Header, String clientFirstBare,
            String serverFirst, String middle) throws Exception {
        String nonce = attr(serverFirst, 'r');
        byte[] salt = Base64.getDecoder().decode(attr(serverFirst, 's'));
        int iterations = Integer.parseInt(attr(serverFirst, 'i'));
        String withoutProof = "c=" + b64(bytes(gs2Header)) + ",r=" + nonce + middle;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] proof = proofAndSignature(m, password, salt, iterations, authMessage)[0];
        return withoutProof + ",p=" + b64(proof);
    }

    /** The v= the server must send for this exchange. */
    public static String expectedServerFinal(ScramMechanism m, String password, String clientFirstBare,
            String serverFirst, String clientFinal) throws Exception {
        byte[] salt = Base64.getDecoder().decode(attr(serverFirst, 's'));
        int iterations = Integer.parseInt(attr(serverFirst, 'i'));
        String withoutProof = clientFinal.substring(0, clientFinal.lastIndexOf(",p="));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        return "v=" + b64(proofAndSignature(m, password, salt, iterations, authMessage)[1]);
    }

    public static String attr(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IllegalArgumentException("no " + name + "= in " + message);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    public static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
