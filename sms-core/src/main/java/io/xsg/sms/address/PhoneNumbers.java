package io.xsg.sms.address;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads phone numbers into {@link Msisdn}s with libphonenumber: international ("+1 234 555 666",
 * "0044 20 7946 0018") and national numbers of the default region ("020 7946 0018"), with the usual
 * spaces, dots, dashes and brackets.
 *
 * <p>{@link #parse} is lenient on purpose: it wants a known country calling code and an E.164 length (a
 * national number of 4 or more digits, 15 digits in all) but not a number that libphonenumber's metadata
 * holds valid, since the product's own examples (+1234555666) and test ranges are not, and a carrier knows
 * its numbering better than a library release does. {@link #parseStrict} adds {@code isValidNumber} for
 * callers that want it. Thread-safe.
 */
public final class PhoneNumbers {

    /** Shortest national significant number accepted: some countries (Niue, St Helena) have 4-digit numbers. */
    public static final int MIN_NATIONAL_DIGITS = 4;

    private static final int MAX_E164_DIGITS = 15;
    private static final String UNKNOWN_REGION = "ZZ";

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166 region for national numbers, e.g. "GB", or "ZZ" (libphonenumber's unknown
     *                      region) to accept international numbers only
     * @throws IllegalArgumentException for a region libphonenumber does not know
     */
    public PhoneNumbers(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!UNKNOWN_REGION.equals(this.defaultRegion) && !util.getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("unknown region '" + defaultRegion + "'");
        }
    }

    /**
     * Reads a number leniently (see the class comment).
     *
     * @throws InvalidMsisdnException saying why: not a number, unknown country code, too short, too long
     */
    public Msisdn parse(String raw) {
        PhoneNumber number = read(raw);
        int nationalDigits = util.getNationalSignificantNumber(number).length();
        int allDigits = nationalDigits + String.valueOf(number.getCountryCode()).length();
        if (nationalDigits < MIN_NATIONAL_DIGITS) {
            throw new InvalidMsisdnException("'" + raw + "' is too short: " + nationalDigits
                    + " digits after country code " + number.getCountryCode());
        }
        if (allDigits > MAX_E164_DIGITS) {
            throw new InvalidMsisdnException("'" + raw + "' is too long: " + allDigits + " digits, E.164 allows "
                    + MAX_E164_DIGITS);
        }
        return new Msisdn(util.format(number, PhoneNumberFormat.E164));
    }

    /**
     * Reads a number and requires libphonenumber to hold it valid for its region.
     *
     * @throws InvalidMsisdnException saying why
     */
    public Msisdn parseStrict(String raw) {
        Msisdn msisdn = parse(raw);
        PhoneNumber number = read(raw);
        if (!util.isValidNumber(number)) {
            String region = util.getRegionCodeForCountryCode(number.getCountryCode());
            throw new InvalidMsisdnException("'" + raw + "' is not a valid number for region " + region);
        }
        return msisdn;
    }

    /** Whether {@link #parse} accepts the string. */
    public boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidMsisdnException e) {
            return false;
        }
    }

    /**
     * Reads an SMPP address as a number. TON 1 (international): the digits are the E.164 number, a '+' in
     * front tolerated. TON 0 (unknown) and 2 (national): read like {@link #parse}, so a national number gets
     * the default region's country code and one written with '+' or 00 keeps its own. NPI must be 0 (unknown)
     * or 1 (E.164); other plans are not phone numbers.
     *
     * @throws InvalidMsisdnException for other TONs (short codes, alphanumeric senders) and plans, or a bad number
     */
    public Msisdn fromSmpp(byte ton, byte npi, String address) {
        Objects.requireNonNull(address, "address");
        if (npi != SmppAddress.NPI_UNKNOWN && npi != SmppAddress.NPI_E164) {
            throw new InvalidMsisdnException("address '" + address + "' has NPI " + npi + ", not a phone number plan");
        }
        String trimmed = address.trim();
        switch (ton) {
            case SmppAddress.TON_INTERNATIONAL:
                String digits = trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
                if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new InvalidMsisdnException("international address '" + address + "' is not all digits");
                }
                return parse("+" + digits);
            case SmppAddress.TON_UNKNOWN:
            case SmppAddress.TON_NATIONAL:
                return parse(trimmed);
            default:
                throw new InvalidMsisdnException("address '" + address + "' has TON " + ton + ", not a phone number");
        }
    }

    private PhoneNumber read(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidMsisdnException("phone number is " + (raw == null ? "null" : "blank"));
        }
        String s = raw.strip();
        if (s.startsWith("00")) {
            s = "+" + s.substring(2); // the international prefix of most of the world, whatever the default region
        }
        try {
            return util.parse(s, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidMsisdnException("'" + raw + "' " + reason(e.getErrorType()), e);
        }
    }

    private static String reason(NumberParseException.ErrorType type) {
        switch (type) {
            case INVALID_COUNTRY_CODE:
                return "has no known country calling code";
            case TOO_SHORT_AFTER_IDD:
            case TOO_SHORT_NSN:
                return "is too short";
            case TOO_LONG:
                return "is too long";
            default:
                return "is not a phone number";
        }
    }
}
