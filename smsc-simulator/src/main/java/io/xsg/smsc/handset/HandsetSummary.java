package io.xsg.smsc.handset;

import java.time.Instant;

/**
 * A handset's thread at a glance.
 *
 * @param lastMtFrom where the last MT came from (the gateway's virtual number or short code), the
 *                   natural address for a reply; empty when the handset has received nothing
 */
public record HandsetSummary(String msisdn, int mtCount, int moCount, Instant lastActivity, String lastMtFrom) {
}
