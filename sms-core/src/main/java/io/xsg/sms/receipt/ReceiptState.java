package io.xsg.sms.receipt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Message states: the SMPP 3.4 §5.2.28 message_state values and the receipt text's "stat" names
 * (Appendix B). ENROUTE and ACCEPTED are intermediate (more receipts follow); UNKNOWN is final, since an SMSC
 * that reports it will not report again.
 */
public enum ReceiptState {
    ENROUTE(1, "ENROUTE", false, "EN_ROUTE", "ENROUT"),
    DELIVERED(2, "DELIVRD", true, "DELIVERED", "DELIVER", "DELIVRED"),
    EXPIRED(3, "EXPIRED", true, "EXPIRD"),
    DELETED(4, "DELETED", true, "DELETD"),
    UNDELIVERABLE(5, "UNDELIV", true, "UNDELIVERABLE", "UNDELIVERED", "UNDELIVRD", "UNDELIVD"),
    ACCEPTED(6, "ACCEPTD", false, "ACCEPTED"),
    UNKNOWN(7, "UNKNOWN", true, "UNKNOWNN", "UNKNOW"),
    REJECTED(8, "REJECTD", true, "REJECTED"),
    SKIPPED(9, "SKIPPED", true, "SKIPPD");

    private static final ReceiptState[] BY_MESSAGE_STATE = new ReceiptState[10];
    private static final Map<String, ReceiptState> BY_STAT = new HashMap<>();

    static {
        for (ReceiptState s : values()) {
            BY_MESSAGE_STATE[s.messageState] = s;
            BY_STAT.put(s.stat, s);
            for (String variant : s.variants) {
                BY_STAT.put(variant, s);
            }
        }
    }

    private final int messageState;
    private final String stat;
    private final boolean terminal;
    private final String[] variants;

    ReceiptState(int messageState, String stat, boolean terminal, String... variants) {
        this.messageState = messageState;
        this.stat = stat;
        this.terminal = terminal;
        this.variants = variants;
    }

    /** The message_state TLV value. */
    public int messageState() {
        return messageState;
    }

    /** The seven-letter "stat:" value of the receipt text. */
    public String stat() {
        return stat;
    }

    /** Whether no further receipt follows for the message. */
    public boolean isFinal() {
        return terminal;
    }

    /**
     * The state for a message_state value.
     *
     * @throws IllegalArgumentException for values outside 1..9 (SMPP 5.0's 0, SCHEDULED, included: it never
     *     appears in a receipt)
     */
    public static ReceiptState fromMessageState(int value) {
        if (value < 1 || value > 9) {
            throw new IllegalArgumentException("message_state " + value + " outside 1..9");
        }
        return BY_MESSAGE_STATE[value];
    }

    /**
     * The state a receipt's "stat" value names, in any case, as the Appendix B abbreviation or a common
     * variant (DELIVERED, UNDELIVERABLE, ACCEPTED, REJECTED, EXPIRD...). Spaces and hyphens count as
     * underscores. Empty for null or an unknown word.
     */
    public static Optional<ReceiptState> fromStat(String stat) {
        if (stat == null) {
            return Optional.empty();
        }
        String key = stat.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return Optional.ofNullable(BY_STAT.get(key));
    }
}
