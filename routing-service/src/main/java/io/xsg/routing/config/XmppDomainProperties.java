package io.xsg.routing.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The shared {@code gateway.xmpp.domain}: the operator's XMPP domain; every other domain is remote, reached through
 * the edges' federation unless {@code gateway.xmpp.s2s.enabled} is false.
 */
@Validated
@ConfigurationProperties("gateway.xmpp")
public record XmppDomainProperties(@NotBlank String domain, @Valid @NotNull @DefaultValue S2s s2s) {

    /** @param enabled whether stanzas for other domains go to the edges' server-to-server streams */
    public record S2s(@DefaultValue("true") boolean enabled) {
    }
}
