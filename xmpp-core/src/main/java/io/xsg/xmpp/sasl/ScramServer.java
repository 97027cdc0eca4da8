package io.xsg.xmpp.sasl;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server side of one SCRAM exchange (RFC 5802, RFC 7677) without channel binding.
 *
 * <p>Usage, one instance per authentication attempt:
 * <ol>
 *   <li>{@link #receiveClientFirst} with the initial response; it returns the username;</li>
 *   <li>the caller looks the credential up (possibly asynchronously) and calls {@link #serverFirst},
 *       passing {@code null} when the user does not exist; the result goes into {@code <challenge/>};</li>
 *   <li>{@link #receiveClientFinal} with the {@code <response/>} payload; the result is the additional
 *       data of {@code <success/>}.</li>
 * </ol>
 *
 * <p>Not thread-safe; never blocks. Any {@link SaslException} ends the exchange: every later call
 * throws {@link IllegalStateException}, as do calls out of order.
 *
 * <p>Authorization identity: only an absent authzid, or one equal to the username (or {@code username@…},
 * whose domain the caller checks), is accepted
 * (anything else is INVALID_AUTHZID); the server does not implement proxy authorization. The
 * username is returned as sent (after {@code =2C}/{@code =3D} unescaping): normalising it is the
 * caller's job, as is refusing {@code y} when it advertises a -PLUS mechanism (it does not today).
 */
public final class ScramServer {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Per-JVM key for fake salts; a server that restarts should pass a persistent secret instead. */
    private static final byte[] JVM_SECRET = randomBytes(32);
    private static final int DEFAULT_NONCE_BYTES = 24;

    private enum State { INITIAL, FIRST_RECEIVED, CHALLENGED, COMPLETE, FAILED }

    private final ScramMechanism mechanism;
    private final Supplier<String> nonceSupplier;
    private final byte[] serverSecret;

    private State state = State.INITIAL;
    private String gs2Header;
    private String clientFirstBare;
    private String clientNonce;
    private String username;
    private String authzid = "";
    private String serverFirst;
    private String fullNonce;
    private byte[] storedKey;
    private byte[] serverKey;
    private boolean unknownUser;

    /** Uses 24 random bytes (base64) as server nonce and a per-JVM secret for fake salts. */
    public ScramServer(ScramMechanism mechanism) {
        this(mechanism, ScramServer::randomNonce);
    }

    /** The nonce supplier exists so that tests can replay the RFC examples. */
    public ScramServer(ScramMechanism mechanism, Supplier<String> nonceSupplier) {
        this(mechanism, nonceSupplier, JVM_SECRET);
    }

    /**
     * @param serverSecret key for deriving the salt shown for unknown users; keeping it stable across
     *     restarts keeps those salts stable too, so they look like real ones
     */
    public ScramServer(ScramMechanism mechanism, Supplier<String> nonceSupplier, byte[] serverSecret) {
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
        this.nonceSupplier = Objects.requireNonNull(nonceSupplier, "nonceSupplier");
        Objects.requireNonNull(serverSecret, "serverSecret");
        if (serverSecret.length == 0) {
            throw new IllegalArgumentException("serverSecret must not be empty");
        }
        this.serverSecret = serverSecret.clone();
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /**
     * Parses the client-first-message ({@code gs2-header client-first-message-bare}).
     *
     * @return the authentication identity (username), unescaped
     * @throws SaslException MALFORMED_REQUEST for syntax errors, a channel-binding request
     *     ({@code p=}), a mandatory extension ({@code m=}) or an empty username; INVALID_AUTHZID for an
     *     authzid other than the username; INCORRECT_ENCODING for invalid UTF-8
     */
    public String receiveClientFirst(byte[] clientFirst) throws SaslException {
        requireState(State.INITIAL);
        Objects.requireNonNull(clientFirst, "clientFirst");
        try {
            parseClientFirst(SaslMessages.decodeUtf8(clientFirst, SaslCondition.INCORRECT_ENCODING));
        } catch (SaslException e) {
            state = State.FAILED;
            throw e;
        }
        state = State.FIRST_RECEIVED;
        return username;
    }

    private void parseClientFirst(String msg) throws SaslException {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int c1 = msg.indexOf(',');
        if (c1 < 0) {
            throw malformed("missing GS2 header");
        }
        String flag = msg.substring(0, c1);
        if (flag.startsWith("p=")) {
            // We advertise no -PLUS mechanism, so a client asking for channel binding is confused.
            throw malformed("channel binding is not supported");
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            throw malformed("invalid GS2 channel binding flag");
        }
        int c2 = msg.indexOf(',', c1 + 1);
        if (c2 < 0) {
            throw malformed("incomplete GS2 header");
        }
        String authzidField = msg.substring(c1 + 1, c2);
        String requestedAuthzid = "";
        if (!authzidField.isEmpty()) {
            if (!authzidField.startsWith("a=")) {
                throw malformed("invalid authzid field");
            }
            requestedAuthzid = decodeSaslName(authzidField.substring(2));
        }
        gs2Header = msg.substring(0, c2 + 1);
        clientFirstBare = msg.substring(c2 + 1);

        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs[0].startsWith("m=")) {
            throw malformed("mandatory extensions are not supported");
        }
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
            throw malformed("client-first-message-bare must start with n= and r=");
        }
        for (int i = 2; i < attrs.length; i++) {
            checkExtension(attrs[i]);
        }
        String user = decodeSaslName(attrs[0].substring(2));
        String nonce = attrs[1].substring(2);
        checkNonce(nonce);
        // XMPP clients may name themselves by bare JID; the caller checks that its domain is ours
        if (!requestedAuthzid.isEmpty() && !requestedAuthzid.equals(user)
                && !requestedAuthzid.startsWith(user + "@")) {
            throw new SaslException(SaslCondition.INVALID_AUTHZID, "authzid differs from username");
        }
        username = user;
        authzid = requestedAuthzid;
        clientNonce = nonce;
    }

    /**
     * Builds the server-first-message. Pass {@code null} for an unknown user: the challenge then uses a
     * salt derived from the username and the server secret, with {@link ScramCredential#DEFAULT_ITERATIONS},
     * so it looks like a real one, and {@link #receiveClientFinal} fails with NOT_AUTHORIZED.
     *
     * @throws IllegalArgumentException if the credential is for another mechanism
     */
    public byte[] serverFirst(ScramCredential credentialOrNull) {
        requireState(State.FIRST_RECEIVED);
        byte[] salt;
        int iterations;
        if (credentialOrNull == null) {
            unknownUser = true;
            salt = fakeSalt();
            iterations = ScramCredential.DEFAULT_ITERATIONS;
            // Random keys so that the final step does the same work as for a real user.
            storedKey = randomBytes(mechanism.keyLength());
            serverKey = randomBytes(mechanism.keyLength());
        } else {
            if (credentialOrNull.mechanism() != mechanism) {
                throw new IllegalArgumentException("credential is for " + credentialOrNull.mechanism().mechanismName()
                        + ", not " + mechanism.mechanismName());
            }
            salt = credentialOrNull.salt();
            iterations = credentialOrNull.iterations();
            storedKey = credentialOrNull.storedKey().clone();
            serverKey = credentialOrNull.serverKey().clone();
        }
        String serverNonce = nonceSupplier.get();
        if (serverNonce == null || serverNonce.isEmpty() || !isPrintableNoComma(serverNonce)) {
            throw new IllegalStateException("nonce supplier returned an invalid nonce");
        }
        ServerFirstMessage message = new ServerFirstMessage(clientNonce, serverNonce,
                Base64.getEncoder().encodeToString(salt), iterations);
        fullNonce = message.getNonce();
        serverFirst = message.toString();
        state = State.CHALLENGED;
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks the client-final-message and returns the server-final-message ({@code v=...}).
     *
     * @throws SaslException MALFORMED_REQUEST for syntax errors; NOT_AUTHORIZED when the
     *     channel-binding echo, the nonce or the proof does not match, or the user is unknown;
     *     INCORRECT_ENCODING for invalid UTF-8
     */
    public byte[] receiveClientFinal(byte[] clientFinal) throws SaslException {
        requireState(State.CHALLENGED);
        Objects.requireNonNull(clientFinal, "clientFinal");
        byte[] result;
        try {
            result = verifyClientFinal(SaslMessages.decodeUtf8(clientFinal, SaslCondition.INCORRECT_ENCODING));
        } catch (SaslException e) {
            state = State.FAILED;
            throw e;
        } finally {
            Arrays.fill(storedKey, (byte) 0);
            Arrays.fill(serverKey, (byte) 0);
        }
        state = State.COMPLETE;
        return result;
    }

    private byte[] verifyClientFinal(String msg) throws SaslException {
        // client-final-message = channel-binding "," nonce ["," extensions] "," proof
        String[] attrs = msg.split(",", -1);
        if (attrs.length < 3 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")
                || !attrs[attrs.length - 1].startsWith("p=")) {
            throw malformed("client-final-message must be c=,r=,...,p=");
        }
        for (int i = 2; i < attrs.length - 1; i++) {
            checkExtension(attrs[i]);
        }
        String proofAttr = attrs[attrs.length - 1];
        byte[] cbind = SaslMessages.decodeStrict(attrs[0].substring(2), SaslCondition.MALFORMED_REQUEST);
        byte[] proof = SaslMessages.decodeStrict(proofAttr.substring(2), SaslCondition.MALFORMED_REQUEST);
        if (proof.length != mechanism.keyLength()) {
            throw malformed("client proof has the wrong length");
        }
        // Without channel binding, c= must be exactly the GS2 header; a change could be a downgrade.
        if (!MessageDigest.isEqual(cbind, gs2Header.getBytes(StandardCharsets.UTF_8))) {
            throw notAuthorized("channel binding data does not match the GS2 header");
        }
        if (!attrs[1].substring(2).equals(fullNonce)) {
            throw notAuthorized("nonce mismatch");
        }
        String withoutProof = msg.substring(0, msg.length() - proofAttr.length() - 1);
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;

        // ClientKey = ClientProof XOR ClientSignature; the client is genuine if H(ClientKey) = StoredKey.
        byte[] clientSignature = ScramFunctions.clientSignature(mechanism.delegate(), storedKey, authMessage);
        byte[] clientKey = ScramFunctions.clientProof(proof, clientSignature);
        boolean proofOk = MessageDigest.isEqual(ScramFunctions.hash(mechanism.delegate(), clientKey), storedKey);
        Arrays.fill(clientKey, (byte) 0);
        // Compute the signature in every case so that an unknown user costs the same time.
        byte[] serverSignature = ScramFunctions.serverSignature(mechanism.delegate(), serverKey, authMessage);
        if (!proofOk || unknownUser) {
            throw notAuthorized("invalid client proof");
        }
        return new ServerFinalMessage(serverSignature).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** True once {@link #receiveClientFinal} has succeeded. */
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    /** The unescaped username from the client-first-message, or null before it was received. */
    public String username() {
        return username;
    }

    /** The authzid from the GS2 header, or the empty string if none was given. */
    public String authzid() {
        return authzid;
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("SCRAM exchange is in state " + state + ", expected " + expected);
        }
    }

    /** Deterministic per user, so repeated probes for one unknown name see one stable salt. */
    private byte[] fakeSalt() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(serverSecret, "HmacSHA256"));
            mac.update(mechanism.mechanismName().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), ScramCredential.SALT_LENGTH);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    /** saslname: "=" only as "=2C" (",") or "=3D" ("="); must not be empty. */
    private static String decodeSaslName(String value) throws SaslException {
        if (value.isEmpty()) {
            throw malformed("empty name");
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '=') {
                if (value.startsWith("=2C", i)) {
                    sb.append(',');
                } else if (value.startsWith("=3D", i)) {
                    sb.append('=');
                } else {
                    throw malformed("invalid escape in name");
                }
                i += 2;
            } else if (ch == '\0') {
                throw malformed("NUL in name");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** nonce = printable ASCII except ",". */
    private static void checkNonce(String nonce) throws SaslException {
        if (nonce.isEmpty() || !isPrintableNoComma(nonce)) {
            throw malformed("missing or invalid nonce");
        }
    }

    private static boolean isPrintableNoComma(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x21 || ch > 0x7E || ch == ',') {
                return false;
            }
        }
        return true;
    }

    /** Unknown optional extensions are ignored (RFC 5802 §5.1) but must be attr=value. */
    private static void checkExtension(String attr) throws SaslException {
        if (attr.length() < 2 || attr.charAt(1) != '=' || !isAsciiLetter(attr.charAt(0))) {
            throw malformed("invalid attribute");
        }
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static SaslException malformed(String message) {
        return new SaslException(SaslCondition.MALFORMED_REQUEST, message);
    }

    private static SaslException notAuthorized(String message) {
        return new SaslException(SaslCondition.NOT_AUTHORIZED, message);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String randomNonce() {
        return Base64.getEncoder().encodeToString(randomBytes(DEFAULT_NONCE_BYTES));
    }
}
