package io.xsg.smsc.app;

import io.xsg.sms.receipt.ReceiptState;
import io.xsg.smsc.ResponseIdFormat;
import io.xsg.smsc.ReceiptRule;
import io.xsg.smsc.SimulatorSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code smsc.*}: the simulator's settings (see {@link SimulatorSettings} for what each means).
 * Accounts have no default here: {@code smsc-simulator.yml} declares the demo's. {@code virtual-numbers-url}, a
 * template with {@code {msisdn}}, is where the handset page learns which party each virtual number stands for (the
 * gateway's {@code /admin/handsets/{msisdn}/virtual-numbers}); empty, the page shows numbers only.
 */
@Validated
@ConfigurationProperties(prefix = "smsc")
public record SmscSimulatorProperties(
        @DefaultValue("127.0.0.1") @NotBlank String host,
        @DefaultValue("2775") @Min(0) @Max(65_535) int port,
        @NotEmpty Map<String, String> accounts,
        @DefaultValue("16") @Min(1) @Max(10_000) int windowSize,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration receiptDelay,
        @DefaultValue List<@Valid Rule> receiptRules,
        @DefaultValue("DECIMAL") @NotNull ResponseIdFormat messageIdFormat,
        @DefaultValue("true") boolean receiptTlvs,
        @DefaultValue("0") @Min(0) int throttleLimit,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration responseTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration redeliveryDelay,
        @DefaultValue("32") @Min(1) int maxConnections,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration bindTimeout,
        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration reassemblyTimeout,
        @DefaultValue("100000") @Min(1) int journalLimit,
        @DefaultValue("UTC") @NotNull ZoneId receiptZone,
        @DefaultValue(SimulatorSettings.DEFAULT_SYSTEM_ID) @NotBlank String systemId,
        @DefaultValue("0s") @NotNull @DurationMin(millis = 0) Duration receiptJitter,
        @DefaultValue("") String virtualNumbersUrl) {

    /** {@code smsc.receipt-rules[n]}: destinations starting with {@code prefix} end in {@code state}. */
    public record Rule(@NotBlank String prefix, @NotNull ReceiptState state, @DefaultValue("000") String errorCode) {
    }

    public SimulatorSettings toSettings() {
        return SimulatorSettings.builder()
                .host(host)
                .port(port)
                .accounts(accounts)
                .windowSize(windowSize)
                .receiptDelay(receiptDelay)
                .receiptRules(receiptRules.stream().map(r -> new ReceiptRule(r.prefix(), r.state(), r.errorCode())).toList())
                .responseIdFormat(messageIdFormat)
                .receiptTlvs(receiptTlvs)
                .throttleLimit(throttleLimit)
                .responseTimeout(responseTimeout)
                .redeliveryDelay(redeliveryDelay)
                .maxConnections(maxConnections)
                .bindTimeout(bindTimeout)
                .reassemblyTimeout(reassemblyTimeout)
                .journalLimit(journalLimit)
                .receiptZone(receiptZone)
                .systemId(systemId)
                .receiptJitter(receiptJitter)
                .build();
    }
}
