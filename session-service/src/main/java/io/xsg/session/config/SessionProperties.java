package io.xsg.session.config;

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
 */
@Validated
@ConfigurationProperties("gateway.session")
public record SessionProperties(
        @DefaultValue("4096") @Min(4096) @Max(1_000_000) int scramIterations,
        String apiToken,
        @DefaultValue("15s") @NotNull Duration deadEdgeAfter) {
}
