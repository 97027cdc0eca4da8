package io.xsg.session.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.session.*}.
 *
 * @param scramIterations PBKDF2 iterations for new credentials (RFC 7677 asks for at least 4096)
 * @param apiToken        bearer token required on {@code /admin/**} and {@code /internal/**}; when unset those
 *                        endpoints answer loopback callers only
 * @param deadEdgeAfter   an edge silent this long has its sessions removed from the directory
 * @param roster          roster limits
 * @param offline         offline storage limits
 * @param console         the operator's console ({@code /console/})
 * @param outbox          relaying the transactional outbox to Kafka
 */
@Validated
@ConfigurationProperties("gateway.session")
public record SessionProperties(
        @DefaultValue("4096") @Min(4096) @Max(1_000_000) int scramIterations,
        String apiToken,
        @DefaultValue("15s") @NotNull Duration deadEdgeAfter,
        @DefaultValue @Valid @NotNull Roster roster,
        @DefaultValue @Valid @NotNull Offline offline,
        @DefaultValue @Valid @NotNull Console console,
        @DefaultValue @Valid @NotNull Outbox outbox) {

    /** Shorthand for {@code outbox().maxAge()}. */
    public Duration outboxMaxAge() {
        return outbox.maxAge();
    }

    /**
     * @param retryInterval how often output that Kafka did not take is offered again
     * @param maxAge        how long output Kafka keeps refusing is offered before it is dropped (and counted)
     */
    public record Outbox(@DefaultValue("1s") @NotNull Duration retryInterval,
                         @DefaultValue("10m") @NotNull Duration maxAge) {
    }

    /** @param maxItems contacts per roster; a roster set beyond it is refused with {@code not-allowed} */
    public record Roster(@DefaultValue("1000") @Min(1) @Max(100_000) int maxItems) {
    }

    /**
     * @param maxMessagesPerUser stored messages per account; beyond it senders get {@code service-unavailable}
     * @param purgeInterval      how often expired messages (XEP-0079 expire-at) are removed and their senders told
     */
    public record Offline(@DefaultValue("500") @Min(0) @Max(1_000_000) int maxMessagesPerUser,
                          @DefaultValue("15s") @NotNull Duration purgeInterval) {
    }

    /**
     * @param enabled   serve the console and follow the SMS topics for it
     * @param recentSms how many recent SMS (submits and mobile-originated) it keeps in memory to show
     */
    public record Console(@DefaultValue("true") boolean enabled,
                          @DefaultValue("200") @Min(10) @Max(10_000) int recentSms) {
    }
}
