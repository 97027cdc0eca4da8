package io.xsg.session.subscriber;

import java.time.Instant;

/** A subscriber as the admin API and the CLI show it. */
public record SubscriberView(String username, String msisdn, Instant createdAt) {
}
