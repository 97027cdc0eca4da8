package io.xsg.events.v1.sms;

import java.util.Objects;

/**
 * The originator a handset sees. The connector maps the kind to SMPP ton/npi with the link's settings, so
 * producers never deal in ton/npi.
 *
 * @param kind    what the address is
 * @param address E.164 with {@code +} for {@link Kind#INTERNATIONAL}, the digits of a short code or virtual number,
 *                or up to 11 GSM characters for {@link Kind#ALPHANUMERIC}
 */
public record SmsSource(Kind kind, String address) {

    public enum Kind {
        /** A full E.164 number, e.g. another handset. */
        INTERNATIONAL,
        /** The gateway's short code or one of its virtual numbers: a number inside the operator's network. */
        SHORT_CODE,
        /** A sender name; the handset cannot reply to it. */
        ALPHANUMERIC
    }

    public SmsSource {
        Objects.requireNonNull(kind, "kind");
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("source address must not be blank");
        }
    }

    public static SmsSource shortCode(String digits) {
        return new SmsSource(Kind.SHORT_CODE, digits);
    }
}
