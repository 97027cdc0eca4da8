package io.xsg.sms.segment;

import java.util.List;
import java.util.Objects;

/**
 * An inbound message put back together, or what arrived of it when its set timed out or was evicted.
 *
 * @param source sender address as received
 * @param destination recipient address as received
 * @param dataCoding data_coding of the first part that arrived
 * @param text the decoded text of the parts present, in sequence order
 * @param parts the number of parts the message has (total), 1 for a single message
 * @param complete whether every part arrived
 * @param missingParts sequence numbers that never arrived, ascending; empty when complete
 */
public record ReassembledSms(String source, String destination, int dataCoding, String text, int parts,
        boolean complete, List<Integer> missingParts) {

    /** Copies the list. */
    public ReassembledSms {
        Objects.requireNonNull(text, "text");
        missingParts = List.copyOf(missingParts);
        if (complete != missingParts.isEmpty()) {
            throw new IllegalArgumentException("complete=" + complete + " with missing parts " + missingParts);
        }
    }
}
