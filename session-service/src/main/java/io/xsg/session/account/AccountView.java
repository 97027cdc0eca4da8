package io.xsg.session.account;

import java.time.Instant;

/** What the admin API shows of an account. */
public record AccountView(String username, Instant createdAt) {
}
