package io.xsg.sms.segment;

import io.xsg.sms.text.EncodingPolicy;
import java.util.Objects;

/**
 * Per-link choice of text encoding and of how long messages are tied together.
 *
 * @param encoding how the alphabet is picked
 * @param concatenation how parts are linked (or, for message_payload, avoided)
 */
public record SegmentationPolicy(EncodingPolicy encoding, ConcatenationMode concatenation) {

    /** Checks both are set. */
    public SegmentationPolicy {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(concatenation, "concatenation");
    }

    /** AUTO encoding with 8-bit-reference UDH, what nearly every SMSC and handset takes. */
    public static SegmentationPolicy defaults() {
        return new SegmentationPolicy(EncodingPolicy.AUTO, ConcatenationMode.UDH8);
    }
}
