package io.xsg.sms.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** Alphabet choice, encoding and decoding of SMS bodies as SMPP carries them (GSM septets unpacked). */
public final class SmsText {

    private SmsText() {
    }

    /**
     * The alphabet for a text under a policy. AUTO is GSM 7-bit when every char is in the default alphabet or
     * its extension table, otherwise UCS-2 (Latin-1 is never chosen automatically: handsets do not receive it,
     * the SMSC has to transcode it, and it saves nothing over GSM for the texts it can carry).
     */
    public static SmsAlphabet choose(String text, EncodingPolicy policy) {
        Objects.requireNonNull(text, "text");
        switch (Objects.requireNonNull(policy, "policy")) {
            case AUTO:
                return Gsm7.canEncode(text) ? SmsAlphabet.GSM7 : SmsAlphabet.UCS2;
            case GSM7:
                return SmsAlphabet.GSM7;
            case LATIN1:
                return SmsAlphabet.LATIN1;
            case UCS2:
                return SmsAlphabet.UCS2;
            default:
                throw new IllegalArgumentException("unknown policy " + policy);
        }
    }

    /**
     * Encodes a text. GSM 7-bit, Latin-1 and IA5 replace what they cannot carry with '?' (one per code point);
     * UCS-2 is UTF-16BE, so characters outside the BMP travel as surrogate pairs as handsets expect.
     *
     * @throws IllegalArgumentException for {@link SmsAlphabet#BINARY}, which carries no text
     */
    public static byte[] encode(String text, SmsAlphabet alphabet) {
        Objects.requireNonNull(text, "text");
        switch (Objects.requireNonNull(alphabet, "alphabet")) {
            case GSM7:
                return Gsm7.encode(text);
            case IA5:
                return encodeReplacing(text, StandardCharsets.US_ASCII);
            case LATIN1:
                return encodeReplacing(text, StandardCharsets.ISO_8859_1);
            case UCS2:
                return text.getBytes(StandardCharsets.UTF_16BE);
            default:
                throw new IllegalArgumentException("alphabet " + alphabet + " carries no text");
        }
    }

    /**
     * Decodes user data (without UDH) received with a data_coding. UCS-2 is read as UTF-16BE, keeping surrogate
     * pairs; an odd trailing byte is dropped rather than failing the whole message. BINARY is decoded as
     * Latin-1 so that every byte survives as one char; callers that must not treat binary as text check
     * {@link SmsAlphabet#fromDataCoding} first.
     *
     * @throws IllegalArgumentException for a data_coding {@link SmsAlphabet#fromDataCoding} rejects
     */
    public static String decode(byte[] data, int offset, int length, int dataCoding) {
        Objects.requireNonNull(data, "data");
        Gsm7.checkRange(data, offset, length);
        switch (SmsAlphabet.fromDataCoding(dataCoding)) {
            case GSM7:
                return Gsm7.decode(data, offset, length);
            case IA5:
                return new String(data, offset, length, StandardCharsets.US_ASCII);
            case UCS2:
                return new String(data, offset, length & ~1, StandardCharsets.UTF_16BE);
            default:
                return new String(data, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** Encodes, replacing each unmappable code point (a surrogate pair included) by a single '?'. */
    private static byte[] encodeReplacing(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {'?'});
        try {
            ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(out.array(), out.arrayOffset(), out.arrayOffset() + out.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("REPLACE never throws", e);
        }
    }
}
