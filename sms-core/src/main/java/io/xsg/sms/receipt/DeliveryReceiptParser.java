package io.xsg.sms.receipt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delivery receipts: the receipted_message_id and message_state TLVs first, the SMPP 3.4 Appendix B
 * text ({@code id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD
 * err:E text:...}) for whatever they lack and for the other fields.
 *
 * <p>The text is vendor-specific, so reading it is tolerant: keys in any case and order, with a space,
 * underscore or nothing inside ("submit date", "submit_date", "Submit Date"), a space after the colon, fields
 * missing or added, dates with or without seconds. {@code text:} is taken to run to the end, colons and all,
 * as Appendix B puts it last. A field that does not parse (a count that is not a number, an impossible date)
 * is left null rather than failing the receipt; only the id and the state are required.
 */
public final class DeliveryReceiptParser {

    private static final Pattern TEXT_KEY = Pattern.compile("(?i)(?:^|\\s)text\\s*:");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DATE = Pattern.compile("\\d{10}|\\d{12}");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    private static final Map<String, String> KEYS = new HashMap<>();

    static {
        alias("id", "id", "messageid", "msgid");
        alias("sub", "sub", "submitted");
        alias("dlvrd", "dlvrd", "dlvr", "delivered");
        alias("submitdate", "submitdate", "subdate", "submitted date");
        alias("donedate", "donedate");
        alias("stat", "stat", "state", "status");
        alias("err", "err", "error");
    }

    private DeliveryReceiptParser() {
    }

    private static void alias(String key, String... names) {
        for (String name : names) {
            KEYS.put(name.replace(" ", ""), key);
        }
    }

    /**
     * Parses a receipt whose TLV and text ids are in the same format.
     *
     * @see #parse(String, Integer, String, String, MessageIdFormat, MessageIdFormat, ZoneId)
     */
    public static DeliveryReceipt parse(String receiptedMessageIdTlv, Integer messageStateTlv,
            String networkErrorCode, String shortMessageText, MessageIdFormat idFormat, ZoneId zone) {
        return parse(receiptedMessageIdTlv, messageStateTlv, networkErrorCode, shortMessageText, idFormat, idFormat,
                zone);
    }

    /**
     * Parses a receipt.
     *
     * @param receiptedMessageIdTlv receipted_message_id, or null
     * @param messageStateTlv message_state, or null; a value outside 1..9 counts as absent
     * @param networkErrorCode network_error_code rendered by the caller, or null; preferred to "err:"
     * @param shortMessageText the receipt text, or null
     * @param tlvIdFormat format of receipted_message_id (SMPP says: as in submit_sm_resp)
     * @param textIdFormat format of the text's "id:" (hexadecimal and decimal SMSCs alike write it in decimal)
     * @param zone the SMSC's time zone, for the text's dates
     * @throws IllegalArgumentException when neither TLV nor text gives an id or a known state, or the id is not a
     *     number of its format; the caller logs it and still acknowledges the deliver_sm
     */
    public static DeliveryReceipt parse(String receiptedMessageIdTlv, Integer messageStateTlv,
            String networkErrorCode, String shortMessageText, MessageIdFormat tlvIdFormat,
            MessageIdFormat textIdFormat, ZoneId zone) {
        Objects.requireNonNull(tlvIdFormat, "tlvIdFormat");
        Objects.requireNonNull(textIdFormat, "textIdFormat");
        Objects.requireNonNull(zone, "zone");
        Map<String, String> fields = new HashMap<>();
        String text = shortMessageText == null ? null : readText(shortMessageText, fields);

        String rawId;
        String messageId;
        if (receiptedMessageIdTlv != null && !receiptedMessageIdTlv.isBlank()) {
            rawId = receiptedMessageIdTlv.trim();
            messageId = MessageIds.normalise(rawId, tlvIdFormat);
        } else if (fields.get("id") != null && !fields.get("id").isBlank()) {
            rawId = fields.get("id");
            messageId = MessageIds.normalise(rawId, textIdFormat);
        } else {
            throw new IllegalArgumentException(
                    "receipt has no message id (no receipted_message_id TLV, no id: in " + quote(shortMessageText) + ")");
        }

        ReceiptState state = null;
        if (messageStateTlv != null && messageStateTlv >= 1 && messageStateTlv <= 9) {
            state = ReceiptState.fromMessageState(messageStateTlv);
        } else if (fields.get("stat") != null) {
            state = ReceiptState.fromStat(fields.get("stat")).orElse(null);
        }
        if (state == null) {
            throw new IllegalArgumentException("receipt for " + rawId + " has no known state (message_state TLV "
                    + messageStateTlv + ", stat:" + fields.get("stat") + ")");
        }

        String errorCode = networkErrorCode != null && !networkErrorCode.isBlank() ? networkErrorCode.trim()
                : fields.get("err");
        return new DeliveryReceipt(messageId, rawId, state, errorCode, count(fields.get("sub")),
                count(fields.get("dlvrd")), date(fields.get("submitdate"), zone), date(fields.get("donedate"), zone),
                text);
    }

    /** Fills {@code fields} from the text (first occurrence of a key wins) and returns the text: field or null. */
    private static String readText(String receipt, Map<String, String> fields) {
        String head = receipt;
        String text = null;
        Matcher m = TEXT_KEY.matcher(receipt);
        if (m.find()) {
            text = receipt.substring(m.end());
            head = receipt.substring(0, m.start());
        }
        String[] tokens = WHITESPACE.split(head.trim());
        StringBuilder keyPrefix = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            int colon = token.indexOf(':');
            if (colon < 0) {
                keyPrefix.append(token); // the "submit" of "submit date:"
                continue;
            }
            String own = keyName(token.substring(0, colon));
            String key = KEYS.get(keyName(keyPrefix + token.substring(0, colon)));
            if (key == null) {
                key = KEYS.get(own); // a stray word before the key is not part of it
            }
            keyPrefix.setLength(0);
            String value = token.substring(colon + 1);
            if (value.isEmpty() && i + 1 < tokens.length && tokens[i + 1].indexOf(':') < 0) {
                value = tokens[++i]; // "id: 123"
            }
            if (key != null) {
                fields.putIfAbsent(key, value);
            }
        }
        return text;
    }

    private static String keyName(String raw) {
        return raw.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static Integer count(String value) {
        return value != null && COUNT.matcher(value).matches() ? Integer.valueOf(value) : null;
    }

    /** YYMMDDhhmm or YYMMDDhhmmss in the SMSC's zone, years 2000-2099; null when absent or impossible. */
    static Instant date(String value, ZoneId zone) {
        if (value == null || !DATE.matcher(value).matches()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(2000 + digits(value, 0), digits(value, 2), digits(value, 4),
                    digits(value, 6), digits(value, 8), value.length() == 12 ? digits(value, 10) : 0);
            return local.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }

    private static String quote(String s) {
        return s == null ? "no text" : "'" + s + "'";
    }
}
