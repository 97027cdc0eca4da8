package io.xsg.events.v1.sms;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A text a handset sent to the gateway, reassembled when it came in several parts.
 *
 * @param moId         unique; replaying the same parts gives the same id, so a consumer can drop a duplicate
 * @param linkId       the link it arrived on
 * @param handset      the sender, E.164 with {@code +}
 * @param destination  the number it was sent to, as the SMSC gave it: the short code or a virtual number
 * @param text         the decoded text
 * @param parts        how many parts it had
 * @param complete     false when some parts never arrived in time; the text then holds the parts that did
 * @param missingParts the part numbers that never arrived
 * @param receivedAt   when the last part arrived
 */
public record SmsMobileOriginated(String moId, String linkId, String handset, String destination, String text,
                                  int parts, boolean complete, List<Integer> missingParts, Instant receivedAt)
        implements SmscEvent {

    public SmsMobileOriginated {
        Objects.requireNonNull(moId, "moId");
        Objects.requireNonNull(handset, "handset");
        Objects.requireNonNull(text, "text");
        missingParts = missingParts == null ? List.of() : List.copyOf(missingParts);
    }
}
