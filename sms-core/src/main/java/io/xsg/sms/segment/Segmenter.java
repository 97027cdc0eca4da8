package io.xsg.sms.segment;

import io.xsg.sms.text.Gsm7;
import io.xsg.sms.text.SmsAlphabet;
import io.xsg.sms.text.SmsText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits a text into SMS parts (3GPP TS 23.040 §9.2.3.24.1 and .8, SMPP 3.4 §5.3.2.22-24).
 *
 * <p>Limits, in septets (GSM), octets (Latin-1) and UTF-16 units (UCS-2):
 * <table>
 *   <caption>characters per part</caption>
 *   <tr><th></th><th>GSM 7-bit</th><th>Latin-1</th><th>UCS-2</th></tr>
 *   <tr><td>single part, and each SAR part (no UDH)</td><td>160</td><td>140</td><td>70</td></tr>
 *   <tr><td>UDH8 part (6-octet UDH)</td><td>153</td><td>134</td><td>67</td></tr>
 *   <tr><td>UDH16 part (7-octet UDH)</td><td>152</td><td>133</td><td>66</td></tr>
 * </table>
 * A GSM escape sequence and a UTF-16 surrogate pair are never split: the part ends one unit short instead,
 * so that every part decodes on its own on handsets that show parts as they come. message_payload has no
 * per-part limit (the TLV holds up to 64 KiB) and is always one PDU.
 */
public final class Segmenter {

    /** Most parts a UDH or SAR can number. */
    public static final int MAX_PARTS = 255;

    /** Largest message_payload TLV value. */
    public static final int MAX_PAYLOAD_OCTETS = 0xFFFF;

    private Segmenter() {
    }

    /**
     * Splits a text. The reference ties the parts together: UDH8 sends {@code reference & 0xFF}, UDH16 and SAR
     * {@code reference & 0xFFFF}. An empty text is one empty part.
     *
     * @throws IllegalArgumentException when the text needs more than 255 parts, or more than 64 KiB of payload
     */
    public static List<Segment> split(String text, SegmentationPolicy policy, int reference) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(policy, "policy");
        SmsAlphabet alphabet = SmsText.choose(text, policy.encoding());
        ConcatenationMode mode = policy.concatenation();
        if (mode == ConcatenationMode.MESSAGE_PAYLOAD) {
            byte[] payload = SmsText.encode(text, alphabet);
            if (payload.length > MAX_PAYLOAD_OCTETS) {
                throw new IllegalArgumentException(
                        "text needs " + payload.length + " octets, message_payload holds " + MAX_PAYLOAD_OCTETS);
            }
            return List.of(new Segment(1, 1, alphabet, null, payload, null, true));
        }
        // Every unit costs the same number of bytes once encoded (1, or 2 for UCS-2), '?' replacements
        // included, so the text is encoded once and the parts are cut from the bytes.
        byte[] encoded = SmsText.encode(text, alphabet);
        int unitBytes = alphabet == SmsAlphabet.UCS2 ? 2 : 1;
        if (encoded.length <= singleLimit(alphabet) * unitBytes) {
            return List.of(new Segment(1, 1, alphabet, null, encoded, null, false));
        }
        int[] cuts = cut(text, alphabet, partLimit(alphabet, mode), unitBytes);
        int total = cuts.length - 1;
        if (cuts[total] != encoded.length) {
            throw new IllegalStateException("cut " + cuts[total] + " bytes of " + encoded.length + " encoded");
        }
        List<Segment> parts = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int seq = i + 1;
            byte[] userData = Arrays.copyOfRange(encoded, cuts[i], cuts[i + 1]);
            parts.add(mode == ConcatenationMode.SAR
                    ? new Segment(seq, total, alphabet, null, userData, new Sar(reference & 0xFFFF, total, seq), false)
                    : new Segment(seq, total, alphabet, udh(mode, reference, total, seq), userData, null, false));
        }
        return List.copyOf(parts);
    }

    /** The concatenation UDH, length octet included. */
    static byte[] udh(ConcatenationMode mode, int reference, int total, int sequence) {
        if (mode == ConcatenationMode.UDH8) {
            return new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
        }
        return new byte[] {0x06, 0x08, 0x04, (byte) (reference >> 8), (byte) reference, (byte) total,
            (byte) sequence};
    }

    static int singleLimit(SmsAlphabet alphabet) {
        switch (alphabet) {
            case GSM7:
            case IA5:
                return 160;
            case UCS2:
                return 70;
            default:
                return 140;
        }
    }

    static int partLimit(SmsAlphabet alphabet, ConcatenationMode mode) {
        // SAR parts carry no UDH on the SMPP link, but the SMSC must add one over the air: a 16-bit SAR reference
        // becomes IEI 08 (7 octets), so they get the UDH16 limits, which also fit an SMSC that uses IEI 00
        int udhOctets = mode == ConcatenationMode.UDH8 ? 6 : 7;
        switch (alphabet) {
            case GSM7:
            case IA5:
                // the UDH plus fill bits up to a septet boundary: 6 octets = 7 septets, 7 octets = 8 septets
                return 160 - (udhOctets * 8 + 6) / 7;
            case UCS2:
                return (140 - udhOctets) / 2;
            default:
                return 140 - udhOctets;
        }
    }

    /** Byte offsets in the encoded text where parts start, plus its length at the end. */
    private static int[] cut(String text, SmsAlphabet alphabet, int limit, int unitBytes) {
        int n = text.length();
        int[] cuts = new int[Math.min(MAX_PARTS, n / limit + 2) + 1];
        int parts = 1;
        int used = 0;
        int bytes = 0;
        for (int i = 0; i < n; ) {
            boolean pair = pairAt(text, i);
            int cost = cost(text.charAt(i), pair, alphabet);
            if (used + cost > limit) {
                if (parts == MAX_PARTS) {
                    throw new IllegalArgumentException(
                            "text of " + n + " chars needs more than " + MAX_PARTS + " parts");
                }
                if (parts == cuts.length - 1) {
                    cuts = Arrays.copyOf(cuts, Math.min(MAX_PARTS + 1, cuts.length * 2));
                }
                cuts[parts++] = bytes;
                used = 0;
            }
            used += cost;
            bytes += cost * unitBytes;
            i += pair ? 2 : 1;
        }
        cuts[parts] = bytes;
        return Arrays.copyOf(cuts, parts + 1);
    }

    /**
     * Units one char, or the surrogate pair it starts, takes once encoded: a GSM extension char is two
     * septets; a char GSM or Latin-1 cannot carry, or a surrogate pair, is one '?'.
     */
    private static int cost(char c, boolean pair, SmsAlphabet alphabet) {
        if (alphabet == SmsAlphabet.UCS2) {
            return pair ? 2 : 1;
        }
        return pair || alphabet != SmsAlphabet.GSM7 ? 1 : Math.max(1, Gsm7.septets(c));
    }

    private static boolean pairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
