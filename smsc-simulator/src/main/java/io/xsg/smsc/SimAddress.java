package io.xsg.smsc;

import java.util.Objects;

/**
 * An SMPP address with its type of number and numbering plan. {@link #msisdn()} is the key the
 * simulator files handsets under: international numbers (TON 1) get a leading {@code +}.
 */
public record SimAddress(String address, int ton, int npi) {
    public static final int TON_UNKNOWN = 0;
    public static final int TON_INTERNATIONAL = 1;
    public static final int TON_ALPHANUMERIC = 5;
    public static final int NPI_UNKNOWN = 0;
    public static final int NPI_E164 = 1;

    public SimAddress {
        Objects.requireNonNull(address, "address");
    }

    /** Parses what a person types: {@code +4477...} is international, letters make it alphanumeric. */
    public static SimAddress parse(String text) {
        String value = text.strip();
        if (value.startsWith("+")) {
            return new SimAddress(value.substring(1), TON_INTERNATIONAL, NPI_E164);
        }
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return new SimAddress(value, TON_UNKNOWN, NPI_E164);
        }
        return new SimAddress(value, TON_ALPHANUMERIC, NPI_UNKNOWN);
    }

    /** The display form: {@code +} and digits for international numbers, the raw address otherwise. */
    public String msisdn() {
        return ton == TON_INTERNATIONAL && !address.startsWith("+") ? "+" + address : address;
    }

    @Override
    public String toString() {
        return msisdn() + " (ton " + ton + ", npi " + npi + ")";
    }
}
