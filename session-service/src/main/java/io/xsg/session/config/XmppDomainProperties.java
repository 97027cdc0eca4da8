package io.xsg.session.config;

import io.xsg.xmpp.jid.Destinations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The shared {@code gateway.xmpp.domain}: the operator's XMPP domain, whose accounts this service keeps; other
 * domains' users are reached over the edges' federation unless {@code gateway.xmpp.s2s.enabled} is false.
 */
@Validated
@ConfigurationProperties("gateway.xmpp")
public record XmppDomainProperties(@NotBlank String domain, @Valid @NotNull @DefaultValue S2s s2s) {

    /** @param enabled whether stanzas for other domains' users go to the edges' server-to-server streams */
    public record S2s(@DefaultValue("true") boolean enabled) {
    }

    /** The username of a bare JID of this domain, or {@code null} when it is no local account's. */
    public String username(String bareJid) {
        return Destinations.username(bareJid, domain);
    }

    public String bareJid(String username) {
        return username + "@" + domain;
    }
}
