package io.xsg.session.config;

import io.xsg.xmpp.jid.Destinations;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The shared {@code gateway.xmpp.domain}: the operator's XMPP domain, whose accounts this service keeps. */
@Validated
@ConfigurationProperties("gateway.xmpp")
public record XmppDomainProperties(@NotBlank String domain) {

    /** The username of a bare JID of this domain, or {@code null} when it is no local account's. */
    public String username(String bareJid) {
        return Destinations.username(bareJid, domain);
    }

    public String bareJid(String username) {
        return username + "@" + domain;
    }
}
