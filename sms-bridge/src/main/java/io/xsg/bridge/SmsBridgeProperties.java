package io.xsg.bridge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.sms.*}: the SMS bridge.
 *
 * @param link            the SMSC link that sends an SMS no route names (its connector's
 *                        {@code gateway.smsc.links[n].id})
 * @param routes          links by number prefix: the longest matching prefix wins, {@code link} otherwise
 * @param shortCode       the number handsets text commands to, and the originator of the bridge's own replies
 * @param defaultExpiry   how long an SMS may wait to be sent when its stanza names no expiry (XEP-0079): it becomes
 *                        the SMPP validity period, and an older one is dropped, never sent late
 * @param window          how many SMS to one handset may await their final receipt at once (1: strictly in order)
 * @param receiptTimeout  after this an SMS without a final receipt stops holding its handset's window
 * @param notifyInterval  a handset with NOTIFY ON hears of one contact coming online at most this often
 * @param moPerMinute     MO SMS one handset may send per minute; more are counted and dropped (a runaway phone or
 *                        a loop with another robot)
 * @param pseudoClient    the XMPP resource a logged-in handset appears as
 * @param virtualNumbers  the range of numbers that stand for remote parties
 * @param remoteSenders   content providers of other domains (over federation) that may text numbers: a bare JID
 *                        ({@code news@icp.example}) or a whole domain ({@code icp.example}); none by default
 */
@Validated
@ConfigurationProperties("gateway.sms")
public record SmsBridgeProperties(
        @DefaultValue("smsc-1") @NotBlank String link,
        @DefaultValue List<@Valid Route> routes,
        @DefaultValue("123") @NotBlank @Pattern(regexp = "[0-9A-Za-z]{1,20}") String shortCode,
        @DefaultValue("60s") @NotNull Duration defaultExpiry,
        @DefaultValue("1") @Min(1) @Max(100) int window,
        @DefaultValue("30s") @NotNull Duration receiptTimeout,
        @DefaultValue("5m") @NotNull Duration notifyInterval,
        @DefaultValue("30") @Min(1) int moPerMinute,
        @DefaultValue @Valid PseudoClient pseudoClient,
        @DefaultValue @Valid VirtualNumbers virtualNumbers,
        @DefaultValue List<@NotBlank String> remoteSenders) {

    /** Whether a sender of another domain is one of {@link #remoteSenders}. */
    public boolean remoteSenderAllowed(String bareJid) {
        String jid = bareJid.toLowerCase(java.util.Locale.ROOT);
        String domain = jid.substring(jid.indexOf('@') + 1);
        return remoteSenders.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(s -> s.equals(jid) || s.equals(domain));
    }

    /**
     * @param prefix numbers starting with it (E.164 with {@code +}, e.g. {@code +44})
     * @param link   go through this link
     */
    public record Route(@NotBlank @Pattern(regexp = "\\+[0-9]*") String prefix, @NotBlank String link) {
    }

    /**
     * @param resource    the resource it binds ({@code joe@a.test/sms})
     * @param priority    its presence priority: RFC 6121 sends a bare-JID message to the highest
     * @param idleTimeout a handset that sends nothing this long is logged out (and told)
     */
    public record PseudoClient(@DefaultValue("sms") @NotBlank String resource,
                               @DefaultValue("0") @Min(-128) @Max(127) int priority,
                               @DefaultValue("24h") @NotNull Duration idleTimeout) {
    }

    /**
     * @param prefix what every virtual number starts with (the SMSC routes the whole range to the gateway)
     * @param digits how many digits follow it
     */
    public record VirtualNumbers(@DefaultValue("X") @Pattern(regexp = "[0-9A-Za-z]{0,5}") String prefix,
                                 @DefaultValue("9") @Min(1) @Max(15) int digits) {

        /** How many numbers the range holds (its first, {@code X000000000}, is left unused). */
        public long size() {
            return (long) Math.pow(10, digits) - 1;
        }

        public String number(long index) {
            return prefix + String.format("%0" + digits + "d", index);
        }

        public boolean contains(String number) {
            return number.length() == prefix.length() + digits && number.regionMatches(true, 0, prefix, 0,
                    prefix.length()) && number.substring(prefix.length()).chars().allMatch(Character::isDigit);
        }
    }

    /** The link that serves a handset: the longest matching route prefix, else the default link. */
    public String linkFor(String e164) {
        return routes.stream().filter(r -> e164.startsWith(r.prefix()))
                .max(Comparator.comparingInt(r -> r.prefix().length())).map(Route::link).orElse(link);
    }
}
