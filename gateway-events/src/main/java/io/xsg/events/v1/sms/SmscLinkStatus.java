package io.xsg.events.v1.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * How one SMSC link stands, as its connector last reported it. Published to a compacted topic keyed by link id, every
 * few seconds and on each change, so that a reader (the operator's console) knows every link's state from the topic
 * alone; a report much older than its interval means the connector itself is gone.
 *
 * @param linkId      the link
 * @param connector   the connector instance serving it (its host name: in Kubernetes, the pod)
 * @param state       STOPPED, CONNECTING, BOUND or UNBINDING
 * @param windowInUse submit_sm awaiting their response now
 * @param window      the most that may await at once
 * @param lastError   why the bind last failed or was lost, or null
 * @param since       when the link entered its state
 * @param at          when this report was made
 * @param interval    how often reports come, in milliseconds
 */
public record SmscLinkStatus(String linkId, String connector, String state, int windowInUse, int window,
                             String lastError, Instant since, Instant at, long interval) {

    public SmscLinkStatus {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(state, "state");
    }

    /** No report for three intervals: the connector stopped without saying so (killed, partitioned). */
    public boolean staleAt(Instant now) {
        return at == null || now.toEpochMilli() - at.toEpochMilli() > 3 * Math.max(interval, 1000);
    }
}
