package io.xsg.session.sms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.sms.*}: the SMS bridge.
 *
 * @param link          the SMSC link that sends every SMS (its connector's {@code gateway.smsc.links[n].id})
 * @param shortCode     the originator a handset sees on an SMS from XMPP, and the number it texts commands to
 * @param defaultExpiry how long an SMS may wait to be sent when its stanza names no expiry (XEP-0079): it becomes
 *                      the SMPP validity period, and an older one is dropped, never sent late
 */
@Validated
@ConfigurationProperties("gateway.sms")
public record SmsBridgeProperties(
        @DefaultValue("smsc-1") @NotBlank String link,
        @DefaultValue("123") @NotBlank String shortCode,
        @DefaultValue("60s") @NotNull Duration defaultExpiry) {
}
