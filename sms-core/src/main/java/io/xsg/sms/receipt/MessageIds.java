package io.xsg.sms.receipt;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Canonical SMSC message ids, so that a receipt always finds its submit.
 *
 * <p>The classic mismatch: an SMSC answers submit_sm with a hexadecimal id ("1A2B") and writes the same id in
 * decimal in its receipts ("6699"), often with leading zeros ("0000006699"). The per-link configuration says
 * which format each place uses; {@link #normalise} turns both into the same canonical string, the number in
 * decimal without leading zeros, and the correlation is done on that. Numbers are {@link BigInteger}s since
 * ids of 20 digits exceed a long.
 */
public final class MessageIds {

    private MessageIds() {
    }

    /**
     * The canonical form of an id. HEX and DECIMAL: the number in decimal, no leading zeros ("0" for zero); a
     * "0x" prefix on a HEX id is accepted. AS_IS: trimmed, lower-cased, leading zeros dropped (one "0" kept).
     *
     * @throws IllegalArgumentException for a null or blank id, or a character that is no digit of the radix
     */
    public static String normalise(String raw, MessageIdFormat format) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("message id is " + (raw == null ? "null" : "blank"));
        }
        String id = raw.trim();
        switch (format) {
            case HEX:
                if (id.length() > 2 && (id.startsWith("0x") || id.startsWith("0X"))) {
                    id = id.substring(2);
                }
                return number(raw, id, 16);
            case DECIMAL:
                return number(raw, id, 10);
            case AS_IS:
                return stripZeros(id.toLowerCase(Locale.ROOT));
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    private static String number(String raw, String digits, int radix) {
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
                throw new IllegalArgumentException("message id '" + raw + "' is not a "
                        + (radix == 16 ? "hexadecimal" : "decimal") + " number");
            }
        }
        return new BigInteger(digits, radix).toString();
    }

    private static String stripZeros(String id) {
        int i = 0;
        while (i < id.length() - 1 && id.charAt(i) == '0') {
            i++;
        }
        return id.substring(i);
    }
}
