package io.xsg.xmpp.sasl;

import java.util.Arrays;
import java.util.Objects;

/** Server side of SASL PLAIN (RFC 4616): message parsing only; the caller checks the password. */
public final class PlainServer {
    /** RFC 4616 §2: each of authzid, authcid and passwd is at most 255 octets. */
    static final int MAX_FIELD_BYTES = 255;

    private PlainServer() {
    }

    /**
     * The parsed PLAIN message. {@code authzid} is empty when the client sent none. {@link #toString()}
     * hides the password.
     */
    public record PlainCredentials(String authzid, String username, String password) {
        public PlainCredentials {
            Objects.requireNonNull(authzid, "authzid");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "PlainCredentials[authzid=" + authzid + ", username=" + username + ", password=<redacted>]";
        }
    }

    /**
     * Parses {@code [authzid] NUL authcid NUL passwd}. Neither username nor password is SASLprep'ed
     * here: the password goes to {@link ScramCredential#verifyPassword}, which does that.
     *
     * @throws SaslException MALFORMED_REQUEST when there are not exactly three fields, the username or
     *     password is empty or a field is over 255 bytes; INCORRECT_ENCODING for invalid UTF-8
     */
    public static PlainCredentials parse(byte[] message) throws SaslException {
        if (message == null) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "PLAIN needs an initial response");
        }
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (first < 0 || second < 0 || indexOf(message, second + 1) >= 0) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "PLAIN message must have exactly three fields");
        }
        byte[] authzid = Arrays.copyOfRange(message, 0, first);
        byte[] authcid = Arrays.copyOfRange(message, first + 1, second);
        byte[] passwd = Arrays.copyOfRange(message, second + 1, message.length);
        if (authzid.length > MAX_FIELD_BYTES || authcid.length > MAX_FIELD_BYTES
                || passwd.length > MAX_FIELD_BYTES) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "PLAIN field longer than 255 bytes");
        }
        if (authcid.length == 0 || passwd.length == 0) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "empty PLAIN username or password");
        }
        try {
            return new PlainCredentials(
                    SaslMessages.decodeUtf8(authzid, SaslCondition.INCORRECT_ENCODING),
                    SaslMessages.decodeUtf8(authcid, SaslCondition.INCORRECT_ENCODING),
                    SaslMessages.decodeUtf8(passwd, SaslCondition.INCORRECT_ENCODING));
        } finally {
            Arrays.fill(passwd, (byte) 0);
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
