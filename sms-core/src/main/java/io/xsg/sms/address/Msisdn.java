package io.xsg.sms.address;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form, the '+' kept: "+" and 1-15 digits, the first not 0 (no country calling code
 * starts with 0). This checks syntax only; {@link PhoneNumbers} checks a number against its country's plan.
 *
 * @param e164 for example "+1234555666"
 */
public record Msisdn(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{0,14}");

    /** Checks the syntax. */
    public Msisdn {
        Objects.requireNonNull(e164, "e164");
        if (!E164.matcher(e164).matches()) {
            throw new InvalidMsisdnException("'" + e164 + "' is not '+' followed by 1-15 digits");
        }
    }

    /** The digits without '+', as SMPP sends an international number. */
    public String digits() {
        return e164.substring(1);
    }

    @Override
    public String toString() {
        return e164;
    }
}
