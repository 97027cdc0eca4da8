package io.xsg.xmpp.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Encoding helpers for SASL payloads carried in XMPP {@code <auth/>}, {@code <challenge/>} etc. */
public final class SaslMessages {
    private SaslMessages() {
    }

    /**
     * Decodes the character data of {@code <auth/>} or {@code <response/>}. A lone {@code =} is an
     * empty payload (RFC 6120 §6.4.2). An empty string also yields an empty array: the caller has to
     * tell "no initial response" (empty element) from "empty initial response" ({@code =}) itself.
     * Padding is required and whitespace is not allowed (RFC 6120 forbids line wrapping).
     */
    public static byte[] decodeXmppBase64(String text) throws SaslException {
        if (text == null || text.isEmpty() || text.equals("=")) {
            return new byte[0];
        }
        return decodeStrict(text, SaslCondition.INCORRECT_ENCODING);
    }

    /** Encodes a payload for {@code <challenge/>} or {@code <success/>}; empty data becomes {@code =}. */
    public static String encodeXmppBase64(byte[] data) {
        if (data == null || data.length == 0) {
            return "=";
        }
        return Base64.getEncoder().encodeToString(data);
    }

    /** Standard base64 with mandatory padding; any error is reported with the given condition. */
    static byte[] decodeStrict(String text, SaslCondition onError) throws SaslException {
        // java.util.Base64 tolerates missing padding; RFC 4648 base64 as used by SASL does not.
        if (text.length() % 4 != 0) {
            throw new SaslException(onError, "base64 length is not a multiple of 4");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SaslException(onError, "invalid base64", e);
        }
    }

    /** Strict UTF-8 decoding: malformed input is an error instead of being replaced with U+FFFD. */
    static String decodeUtf8(byte[] data, SaslCondition onError) throws SaslException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SaslException(onError, "invalid UTF-8", e);
        }
    }
}
