package io.xsg.smpp.config;

import io.xsg.sms.receipt.MessageIdFormat;
import io.xsg.sms.segment.ConcatenationMode;
import io.xsg.sms.text.EncodingPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.smsc.*}: the SMSC links this connector serves. In production a connector serves one link (one
 * Deployment per link, so one bind per link unless the carrier grants more); the all-in-one serves its simulator's.
 *
 * @param links          the links, each with its own bind, submit topic and consumer group
 * @param statusInterval how often each link's state is reported to the link status topic (the operator's console
 *                       reads it; a link unreported for three intervals shows as stale)
 */
@Validated
@ConfigurationProperties("gateway.smsc")
public record ConnectorProperties(@NotEmpty List<@Valid @NotNull Link> links,
                                  @NotNull @org.springframework.boot.context.properties.bind.DefaultValue("5s")
                                  java.time.Duration statusInterval) {

    @AssertTrue(message = "link ids must be unique")
    public boolean isEachLinkIdUnique() {
        return links == null || links.stream().map(Link::id).collect(HashSet::new, HashSet::add, HashSet::addAll)
                .size() == links.size();
    }

    public enum BindMode {
        /** One bind_transceiver carrying submits, receipts and MO. */
        TRANSCEIVER,
        /** A bind_transmitter for submits beside a bind_receiver for receipts and MO, for SMSCs without transceiver. */
        TRANSMITTER_RECEIVER
    }

    public enum ValidityFormat {
        /** {@code …R}: immune to clock skew between the gateway and the SMSC. */
        RELATIVE,
        /** {@code YYMMDDhhmmsstnnp} in UTC. */
        ABSOLUTE
    }

    /**
     * One SMSC link.
     *
     * @param id                  names the link's topics ({@code sms.submit.<id>}) and metrics; letters, digits, dash
     * @param host                SMSC address
     * @param port                SMSC port
     * @param systemId            bind system_id
     * @param password            bind password (from the environment or a secret, never the repository)
     * @param systemType          bind system_type
     * @param bindMode            transceiver, or a transmitter and receiver pair
     * @param window              submit_sm awaiting their response at once
     * @param tps                 submit_sm per second at most (the carrier's contracted rate)
     * @param enquireLinkInterval a link silent this long is probed with enquire_link
     * @param responseTimeout     a request unanswered this long fails (and is retried, for submits)
     * @param writeTimeout        a PDU not written to the socket this long fails
     * @param bindTimeout         connect plus bind must succeed within this
     * @param reconnectMin        first reconnect delay; doubles per failure, with jitter
     * @param reconnectMax        longest reconnect delay
     * @param throttleBackoff     first pause after ESME_RTHROTTLED or ESME_RMSGQFUL; doubles per repeat
     * @param throttleBackoffMax  longest such pause
     * @param encoding            alphabet when the request does not say: AUTO, GSM7, LATIN1 or UCS2
     * @param concatenation       long messages: UDH8, UDH16, SAR or MESSAGE_PAYLOAD
     * @param validityFormat      how the expiry becomes validity_period
     * @param submitIdFormat      how this SMSC writes ids in submit_sm_resp: AS_IS, HEX or DECIMAL
     * @param receiptIdFormat     how it writes them in receipts
     * @param defaultRegion       ISO region for national numbers in MO source addresses (ZZ: international only)
     * @param shortCodeTon        type_of_number for short codes and virtual numbers as source
     * @param shortCodeNpi        numbering_plan_indicator for them
     * @param moReassemblyTimeout an incomplete concatenated MO is published with what arrived after this
     * @param maxBufferedPerPartition consumer pauses a partition holding this many unsent records
     */
    public record Link(
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9-]+") String id,
            @NotBlank String host,
            @Min(1) @Max(65535) int port,
            @NotBlank String systemId,
            @NotNull @DefaultValue("") String password,
            @DefaultValue("") String systemType,
            @NotNull @DefaultValue("TRANSCEIVER") BindMode bindMode,
            @DefaultValue("10") @Min(1) @Max(1000) int window,
            @DefaultValue("100") @Min(1) int tps,
            @NotNull @DefaultValue("30s") Duration enquireLinkInterval,
            @NotNull @DefaultValue("10s") Duration responseTimeout,
            @NotNull @DefaultValue("5s") Duration writeTimeout,
            @NotNull @DefaultValue("10s") Duration bindTimeout,
            @NotNull @DefaultValue("1s") Duration reconnectMin,
            @NotNull @DefaultValue("60s") Duration reconnectMax,
            @NotNull @DefaultValue("1s") Duration throttleBackoff,
            @NotNull @DefaultValue("30s") Duration throttleBackoffMax,
            @NotNull @DefaultValue("AUTO") EncodingPolicy encoding,
            @NotNull @DefaultValue("UDH8") ConcatenationMode concatenation,
            @NotNull @DefaultValue("RELATIVE") ValidityFormat validityFormat,
            @NotNull @DefaultValue("AS_IS") MessageIdFormat submitIdFormat,
            @NotNull @DefaultValue("AS_IS") MessageIdFormat receiptIdFormat,
            @NotBlank @DefaultValue("ZZ") String defaultRegion,
            @DefaultValue("3") @Min(0) @Max(6) int shortCodeTon,
            @DefaultValue("0") @Min(0) @Max(18) int shortCodeNpi,
            @NotNull @DefaultValue("5m") Duration moReassemblyTimeout,
            @DefaultValue("10000") @Min(1) int maxBufferedPerPartition) {

        @AssertTrue(message = "reconnect-min must be positive and not above reconnect-max")
        public boolean isReconnectRangeValid() {
            return reconnectMin == null || reconnectMax == null
                    || (!reconnectMin.isNegative() && !reconnectMin.isZero() && reconnectMin.compareTo(reconnectMax) <= 0);
        }

        @AssertTrue(message = "timeouts and intervals must be positive")
        public boolean isEveryTimeoutPositive() {
            for (Duration d : new Duration[] {enquireLinkInterval, responseTimeout, writeTimeout, bindTimeout,
                    throttleBackoff, throttleBackoffMax, moReassemblyTimeout}) {
                if (d != null && (d.isZero() || d.isNegative())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            // never the password
            return "Link[" + id + " " + systemId + "@" + host + ":" + port + " " + bindMode + " window " + window
                    + " tps " + tps + "]";
        }
    }
}
