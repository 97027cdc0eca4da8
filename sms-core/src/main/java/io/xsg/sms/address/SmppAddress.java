package io.xsg.sms.address;

import io.xsg.sms.text.Gsm7;
import java.util.Objects;

/**
 * An SMPP source or destination address: type of number (SMPP 3.4 §5.2.5), numbering plan indicator (§5.2.6)
 * and the address (at most 20 characters, the field being 21 octets with its terminating NUL).
 */
public record SmppAddress(byte ton, byte npi, String address) {

    public static final byte TON_UNKNOWN = 0;
    public static final byte TON_INTERNATIONAL = 1;
    public static final byte TON_NATIONAL = 2;
    public static final byte TON_NETWORK_SPECIFIC = 3;
    public static final byte TON_SUBSCRIBER = 4;
    public static final byte TON_ALPHANUMERIC = 5;
    public static final byte TON_ABBREVIATED = 6;
    public static final byte NPI_UNKNOWN = 0;
    public static final byte NPI_E164 = 1;

    /** Most characters an SMPP address field holds. */
    public static final int MAX_ADDRESS = 20;

    /** Most septets an alphanumeric originator holds (23.040 §9.1.2.5: 10 octets). */
    public static final int MAX_ALPHANUMERIC_SEPTETS = 11;

    /** Checks the address fits its field. */
    public SmppAddress {
        Objects.requireNonNull(address, "address");
        if (address.length() > MAX_ADDRESS) {
            throw new IllegalArgumentException(
                    "SMPP address '" + address + "' is longer than " + MAX_ADDRESS + " characters");
        }
    }

    /** An international number: TON 1, NPI 1 (E.164), digits without '+'. */
    public static SmppAddress international(Msisdn msisdn) {
        return new SmppAddress(TON_INTERNATIONAL, NPI_E164, msisdn.digits());
    }

    /**
     * A short code: TON 3 (network specific), NPI 0 (unknown), which is what most SMSCs expect for their own
     * short codes; a link that wants another TON/NPI (some use TON 6 abbreviated, or NPI 1) builds the record
     * with the constructor.
     *
     * @throws IllegalArgumentException unless the code is 1-20 digits
     */
    public static SmppAddress shortCode(String code) {
        Objects.requireNonNull(code, "code");
        if (code.isEmpty() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("short code '" + code + "' must be digits");
        }
        return new SmppAddress(TON_NETWORK_SPECIFIC, NPI_UNKNOWN, code);
    }

    /**
     * An alphanumeric sender: TON 5, NPI 0.
     *
     * @throws IllegalArgumentException unless the name is non-empty, in the GSM 7-bit alphabet and at most 11
     *     septets (an extension character such as '€' counts two)
     */
    public static SmppAddress alphanumeric(String name) {
        Objects.requireNonNull(name, "name");
        int septets = Gsm7.septets(name);
        if (name.isEmpty() || septets < 0 || septets > MAX_ALPHANUMERIC_SEPTETS) {
            throw new IllegalArgumentException("alphanumeric sender '" + name + "' must be 1-"
                    + MAX_ALPHANUMERIC_SEPTETS + " GSM 7-bit characters");
        }
        return new SmppAddress(TON_ALPHANUMERIC, NPI_UNKNOWN, name);
    }
}
