package io.xsg.sms.text;

import java.util.Arrays;

/**
 * The 3GPP TS 23.038 §6.2.1 GSM 7-bit default alphabet and its §6.2.1.1 extension table (no national
 * language shift tables).
 *
 * <p>Hand-written rather than Cloudhopper's {@code GSMCharset}: its 3.0.2 tables were checked entry by entry
 * and do match 23.038, but its decoder turns an unknown escape into a space and drops the escaped septet
 * (23.038 says show the base-table character), it encodes a surrogate pair as two '?', it exposes its
 * tables as mutable public arrays, and it would bring ch-commons-util into a library that DESIGN.md keeps
 * free of Cloudhopper. The tables are 128 + 10 entries; spot checks against the spec are in the tests.
 *
 * <p>Septets travel unpacked, one per byte, as SMPP carries them in short_message; {@link #pack} and
 * {@link #unpack} exist for the air-interface form. 0x09 is 'Ç' as the spec prints it; 'ç' is therefore
 * not encodable (AUTO then picks UCS-2, which keeps it).
 */
public final class Gsm7 {

    /** The escape to the extension table. */
    public static final int ESCAPE = 0x1B;

    /** Character sent in place of one that a forced 7-bit encoding cannot carry. */
    public static final char REPLACEMENT = '?';

    private static final char[] BASE = (
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").toCharArray();

    /** Extension table: code after the escape, and the character. */
    private static final int[][] EXTENSION = {
        {0x0A, '\f'}, {0x14, '^'}, {0x28, '{'}, {0x29, '}'}, {0x2F, '\\'},
        {0x3C, '['}, {0x3D, '~'}, {0x3E, ']'}, {0x40, '|'}, {0x65, '€'},
    };

    private static final char EURO = '€';

    /** Highest character other than '€' that either table holds (Ω U+03A9). */
    private static final int LOOKUP_SIZE = 0x03AA;

    /** Per char: base code 0..127, 0x100 | extension code, or -1. */
    private static final short[] LOOKUP = new short[LOOKUP_SIZE];

    private static final char[] EXTENSION_DECODE = new char[128];

    static {
        if (BASE.length != 128) {
            throw new ExceptionInInitializerError("GSM base table has " + BASE.length + " entries");
        }
        Arrays.fill(LOOKUP, (short) -1);
        for (int code = 0; code < 128; code++) {
            if (code != ESCAPE) {
                LOOKUP[BASE[code]] = (short) code;
            }
        }
        for (int[] entry : EXTENSION) {
            EXTENSION_DECODE[entry[0]] = (char) entry[1];
            if (entry[1] != EURO) {
                LOOKUP[entry[1]] = (short) (0x100 | entry[0]);
            }
        }
    }

    private Gsm7() {
    }

    /** Base code, {@code 0x100 | extension code}, or -1 when the char has no GSM form. */
    static int code(char c) {
        if (c < LOOKUP_SIZE) {
            return LOOKUP[c];
        }
        return c == EURO ? 0x100 | 0x65 : -1;
    }

    /** Septets one char takes: 1, 2 (extension table), or -1 when it cannot be encoded. */
    public static int septets(char c) {
        int code = code(c);
        return code < 0 ? -1 : code > 0xFF ? 2 : 1;
    }

    public static boolean canEncode(CharSequence text) {
        return septets(text) >= 0;
    }

    /** Septets the text takes unpacked, extension characters counting two; -1 if any char cannot be encoded. */
    public static int septets(CharSequence text) {
        int total = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            int s = septets(text.charAt(i));
            if (s < 0) {
                return -1;
            }
            total += s;
        }
        return total;
    }

    /**
     * Unpacked septets, one per byte, extension characters as 0x1B + code. A char that cannot be encoded
     * becomes '?', and a surrogate pair a single '?', so callers that forced GSM on a link without UCS-2
     * still send something readable; check {@link #canEncode} first when that is not wanted.
     */
    public static byte[] encode(CharSequence text) {
        int n = text.length();
        byte[] out = new byte[n * 2];
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int code = code(c);
            if (code < 0) {
                code = REPLACEMENT;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                }
            }
            if (code > 0xFF) {
                out[o++] = ESCAPE;
                out[o++] = (byte) (code & 0x7F);
            } else {
                out[o++] = (byte) code;
            }
        }
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    /**
     * Decodes unpacked septets. The top bit of each byte is ignored. Per 23.038 §6.2.1.1 an escape followed
     * by a code the extension table lacks shows the base-table character for that code (0x1B 0x1B, the
     * reserved second escape, shows a space); an escape as the last septet is dropped.
     */
    public static String decode(byte[] septets, int offset, int length) {
        checkRange(septets, offset, length);
        StringBuilder sb = new StringBuilder(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int code = septets[i] & 0x7F;
            if (code != ESCAPE) {
                sb.append(BASE[code]);
                continue;
            }
            if (++i == end) {
                break;
            }
            int ext = septets[i] & 0x7F;
            char c = EXTENSION_DECODE[ext];
            if (c != 0) {
                sb.append(c);
            } else {
                sb.append(ext == ESCAPE ? ' ' : BASE[ext]);
            }
        }
        return sb.toString();
    }

    /**
     * Packs septets into octets, least significant bit first (23.038 §6.1.2.1.1). {@code fillBits} (0..6)
     * zero bits come first, as after a UDH that does not end on a septet boundary (23.040 §9.2.3.24).
     */
    public static byte[] pack(byte[] septets, int fillBits) {
        checkFill(fillBits);
        int bits = fillBits + septets.length * 7;
        byte[] out = new byte[(bits + 7) / 8];
        int bit = fillBits;
        for (byte s : septets) {
            int v = s & 0x7F;
            int index = bit >> 3;
            int shift = bit & 7;
            out[index] |= (byte) (v << shift);
            if (shift > 1) {
                out[index + 1] |= (byte) (v >> (8 - shift));
            }
            bit += 7;
        }
        return out;
    }

    /** Reverses {@link #pack}: reads {@code septetCount} septets after {@code fillBits} leading bits. */
    public static byte[] unpack(byte[] packed, int septetCount, int fillBits) {
        checkFill(fillBits);
        if (septetCount < 0 || fillBits + (long) septetCount * 7 > packed.length * 8L) {
            throw new IllegalArgumentException(
                    septetCount + " septets after " + fillBits + " fill bits need more than " + packed.length
                            + " octets");
        }
        byte[] out = new byte[septetCount];
        int bit = fillBits;
        for (int i = 0; i < septetCount; i++) {
            int index = bit >> 3;
            int shift = bit & 7;
            int v = (packed[index] & 0xFF) >> shift;
            if (shift > 1) {
                v |= (packed[index + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (v & 0x7F);
            bit += 7;
        }
        return out;
    }

    private static void checkFill(int fillBits) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("fill bits must be 0..6, was " + fillBits);
        }
    }

    static void checkRange(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException(
                    "offset " + offset + " length " + length + " outside " + data.length + " bytes");
        }
    }
}
