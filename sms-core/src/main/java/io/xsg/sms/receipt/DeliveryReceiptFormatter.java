package io.xsg.sms.receipt;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Writes the SMPP 3.4 Appendix B receipt text, as the SMSC simulator sends it:
 * {@code id:12345 sub:001 dlvrd:001 submit date:2501311200 done date:2501311201 stat:DELIVRD err:000
 * text:first twenty chars}.
 */
public final class DeliveryReceiptFormatter {

    /** Appendix B carries the first 20 characters of the original message. */
    public static final int TEXT_CHARS = 20;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private DeliveryReceiptFormatter() {
    }

    /**
     * Formats a receipt. Counts are written with at least three digits; a numeric error code is padded to three
     * digits and a null one written "000"; the text is cut to 20 chars, one fewer rather than half a surrogate
     * pair; dates are written in {@code zone}.
     */
    public static String format(String id, int submitted, int delivered, Instant submitDate, Instant doneDate,
            ReceiptState state, String errorCode, String text, ZoneId zone) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(submitDate, "submitDate");
        Objects.requireNonNull(doneDate, "doneDate");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(zone, "zone");
        if (submitted < 0 || delivered < 0) {
            throw new IllegalArgumentException("negative count: sub " + submitted + ", dlvrd " + delivered);
        }
        DateTimeFormatter date = DATE.withZone(zone);
        return "id:" + id
                + " sub:" + String.format("%03d", submitted)
                + " dlvrd:" + String.format("%03d", delivered)
                + " submit date:" + date.format(submitDate)
                + " done date:" + date.format(doneDate)
                + " stat:" + state.stat()
                + " err:" + error(errorCode)
                + " text:" + head(text == null ? "" : text);
    }

    private static String error(String code) {
        if (code == null || code.isBlank()) {
            return "000";
        }
        String trimmed = code.trim();
        return trimmed.length() < 3 && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')
                ? "0".repeat(3 - trimmed.length()) + trimmed : trimmed;
    }

    private static String head(String text) {
        if (text.length() <= TEXT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(TEXT_CHARS - 1)) ? TEXT_CHARS - 1 : TEXT_CHARS;
        return text.substring(0, end);
    }
}
