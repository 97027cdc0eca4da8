package io.xsg.sms.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * SMPP 3.4 §7.1.1 times, as schedule_delivery_time and validity_period carry them: 16 characters,
 * {@code YYMMDDhhmmsstnnp}.
 *
 * <ul>
 *   <li>Absolute: t is tenths of a second, nn the offset from UTC in quarter hours (00-48), p '+' or '-'.
 *       Two-digit years are read as 2000-2099.</li>
 *   <li>Relative, p = 'R': the fields count years, months, days, hours, minutes and seconds from now; t and nn
 *       are "000". SMPP gives no calendar for the sum, so, like most SMSCs, a year counts 365 days and a month
 *       30 days.</li>
 *   <li>An empty field means "not set" (the SMSC default): {@link #parse} gives null for it.</li>
 * </ul>
 */
public final class SmppTime {

    /** Length of every SMPP time. */
    public static final int LENGTH = 16;

    /** Relative times are capped at 99 years, the most YY holds. */
    public static final Duration MAX_RELATIVE = Duration.ofDays(99L * 365);

    private static final long YEAR = 365L * 86_400;
    private static final long MONTH = 30L * 86_400;
    private static final int QUARTER_HOUR = 15 * 60;
    private static final int MAX_QUARTERS = 48;

    private SmppTime() {
    }

    /**
     * An absolute time in its own offset. An offset SMPP cannot express (not whole quarter hours, or beyond
     * ±12 h) is converted to UTC instead, which names the same instant.
     *
     * @throws IllegalArgumentException for years outside 2000-2099
     */
    public static String absolute(OffsetDateTime t) {
        Objects.requireNonNull(t, "t");
        int offset = t.getOffset().getTotalSeconds();
        if (offset % QUARTER_HOUR != 0 || Math.abs(offset / QUARTER_HOUR) > MAX_QUARTERS) {
            t = t.withOffsetSameInstant(ZoneOffset.UTC);
            offset = 0;
        }
        if (t.getYear() < 2000 || t.getYear() > 2099) {
            throw new IllegalArgumentException("SMPP times hold years 2000-2099, not " + t.getYear());
        }
        int quarters = Math.abs(offset) / QUARTER_HOUR;
        return String.format("%02d%02d%02d%02d%02d%02d%d%02d%c", t.getYear() % 100, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 100_000_000, quarters,
                offset < 0 ? '-' : '+');
    }

    /**
     * A relative time: whole years of 365 days, then months of 30 days, then days, hours, minutes and seconds
     * (fractions of a second dropped). Durations of 99 years or more are capped at 99 years.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public static String relative(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("relative time cannot be negative: " + d);
        }
        long s = d.compareTo(MAX_RELATIVE) >= 0 ? MAX_RELATIVE.getSeconds() : d.getSeconds();
        long years = s / YEAR;
        s %= YEAR;
        long months = s / MONTH;
        s %= MONTH;
        long days = s / 86_400;
        s %= 86_400;
        return String.format("%02d%02d%02d%02d%02d%02d000R", years, months, days, s / 3600, s / 60 % 60, s % 60);
    }

    /**
     * Reads either form; a relative time is added to {@code now}.
     *
     * @return the instant, or null when the field is null or empty ("not set")
     * @throws IllegalArgumentException naming the value when it is not a valid SMPP time
     */
    public static Instant parse(String s, Instant now) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        checkShape(s);
        char p = s.charAt(LENGTH - 1);
        if (p == 'R') {
            return Objects.requireNonNull(now, "now").plus(relativeDuration(s));
        }
        int quarters = number(s, 13);
        if (quarters > MAX_QUARTERS) {
            throw bad(s, "offset of " + quarters + " quarter hours exceeds 48");
        }
        try {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((p == '-' ? -1 : 1) * quarters * QUARTER_HOUR);
            return OffsetDateTime.of(2000 + number(s, 0), number(s, 2), number(s, 4), number(s, 6), number(s, 8),
                    number(s, 10), (s.charAt(12) - '0') * 100_000_000, offset).toInstant();
        } catch (DateTimeException e) {
            throw bad(s, e.getMessage());
        }
    }

    /**
     * The duration of a relative time.
     *
     * @return empty when the field is null, empty or an absolute time
     * @throws IllegalArgumentException naming the value when it is not a valid SMPP time
     */
    public static Optional<Duration> parseRelative(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        checkShape(s);
        return s.charAt(LENGTH - 1) == 'R' ? Optional.of(relativeDuration(s)) : Optional.empty();
    }

    private static Duration relativeDuration(String s) {
        if (number(s, 6) > 23 || number(s, 8) > 59 || number(s, 10) > 59) {
            throw bad(s, "hours, minutes or seconds out of range");
        }
        long seconds = number(s, 0) * YEAR + number(s, 2) * MONTH + number(s, 4) * 86_400L
                + number(s, 6) * 3600L + number(s, 8) * 60L + number(s, 10);
        return Duration.ofSeconds(seconds);
    }

    private static void checkShape(String s) {
        if (s.length() != LENGTH) {
            throw bad(s, "length " + s.length() + ", expected " + LENGTH);
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw bad(s, "non-digit at position " + (i + 1));
            }
        }
        char p = s.charAt(LENGTH - 1);
        if (p != '+' && p != '-' && p != 'R') {
            throw bad(s, "last character must be '+', '-' or 'R'");
        }
    }

    private static int number(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }

    private static IllegalArgumentException bad(String s, String why) {
        return new IllegalArgumentException("invalid SMPP time '" + s + "': " + why);
    }
}
