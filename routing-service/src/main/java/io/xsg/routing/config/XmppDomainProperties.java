package io.xsg.routing.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The shared {@code gateway.xmpp.domain}: the operator's XMPP domain; every other domain is remote. */
@Validated
@ConfigurationProperties("gateway.xmpp")
public record XmppDomainProperties(@NotBlank String domain) {
}
