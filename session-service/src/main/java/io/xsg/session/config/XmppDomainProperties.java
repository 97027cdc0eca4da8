package io.xsg.session.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The shared {@code gateway.xmpp.domain}: the operator's XMPP domain, whose accounts this service keeps. */
@Validated
@ConfigurationProperties("gateway.xmpp")
public record XmppDomainProperties(@NotBlank String domain) {

    /** The username of a bare JID of this domain, or {@code null} when it is no local account's. */
    public String username(String bareJid) {
        int at = bareJid.indexOf('@');
        if (at <= 0 || bareJid.indexOf('/') >= 0 || !bareJid.regionMatches(at + 1, domain, 0, domain.length())
                || bareJid.length() != at + 1 + domain.length()) {
            return null;
        }
        return bareJid.substring(0, at);
    }

    public String bareJid(String username) {
        return username + "@" + domain;
    }
}
