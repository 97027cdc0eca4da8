package io.xsg.routing.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.routing.*}.
 *
 * @param consumerGroup      the routing instances' Kafka consumer group
 * @param directoryCatchUp   how long start-up waits for the session directory to be read before routing
 */
@Validated
@ConfigurationProperties("gateway.routing")
public record RoutingProperties(
        @DefaultValue("routing-service") @NotBlank String consumerGroup,
        @DefaultValue("60s") @NotNull Duration directoryCatchUp) {
}
