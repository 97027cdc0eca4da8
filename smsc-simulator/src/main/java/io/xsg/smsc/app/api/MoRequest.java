package io.xsg.smsc.app.api;

import io.xsg.sms.segment.ConcatenationMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * {@code POST /api/mo}: an SMS from a handset.
 *
 * @param mode    UDH8 (default), UDH16, SAR or MESSAGE_PAYLOAD, case-insensitive
 * @param shuffle send a long SMS's parts out of order (default false)
 */
public record MoRequest(
        @NotBlank @Pattern(regexp = ADDRESS, message = ADDRESS_MESSAGE) String from,
        @NotBlank @Pattern(regexp = ADDRESS, message = ADDRESS_MESSAGE) String to,
        @NotBlank @Size(max = 4_000) String text,
        @Pattern(regexp = "(?i)UDH8|UDH16|SAR|MESSAGE_PAYLOAD", message = "must be one of UDH8, UDH16, SAR, MESSAGE_PAYLOAD")
        String mode,
        Boolean shuffle) {

    /** An E.164-ish number (optional +, up to 20 digits) or an alphanumeric sender of up to 11 characters. */
    static final String ADDRESS = "\\+?[0-9]{1,20}|[A-Za-z0-9][A-Za-z0-9 ]{0,10}";
    static final String ADDRESS_MESSAGE = "must be a phone number (optional + and up to 20 digits) or up to 11 letters and digits";

    ConcatenationMode concatenationMode() {
        return mode == null || mode.isBlank() ? ConcatenationMode.UDH8 : ConcatenationMode.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    boolean shuffleParts() {
        return Boolean.TRUE.equals(shuffle);
    }
}
