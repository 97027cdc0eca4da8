package io.xsg.smsc;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable simulator configuration. Build one with {@link #builder()}; every field has a default
 * suited to tests (an ephemeral port on loopback, short timeouts).
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><td>host</td><td>{@value #DEFAULT_HOST}</td></tr>
 * <tr><td>port</td><td>0: a free port, see {@link SmscSimulator#port()}</td></tr>
 * <tr><td>accounts</td><td>{@code gateway} / {@code secret}</td></tr>
 * <tr><td>windowSize</td><td>{@value #DEFAULT_WINDOW_SIZE} unanswered deliver_sm per session</td></tr>
 * <tr><td>receiptDelay</td><td>1 s</td></tr>
 * <tr><td>receiptJitter</td><td>0: each receipt comes up to this much later than receiptDelay, at random, so
 * receipts may overtake each other as real ones do</td></tr>
 * <tr><td>receiptRules</td><td>none: every receipt says DELIVRD</td></tr>
 * <tr><td>responseIdFormat</td><td>DECIMAL</td></tr>
 * <tr><td>receiptTlvs</td><td>true: receipted_message_id and message_state besides the text</td></tr>
 * <tr><td>throttleLimit</td><td>0: no limit (else submit_sm per second per bind)</td></tr>
 * <tr><td>responseTimeout</td><td>10 s for a deliver_sm_resp</td></tr>
 * <tr><td>redeliveryDelay</td><td>5 s before a refused or unanswered receipt is sent again</td></tr>
 * <tr><td>maxConnections</td><td>{@value #DEFAULT_MAX_CONNECTIONS} bound sessions; further binds get ESME_RBINDFAIL</td></tr>
 * <tr><td>bindTimeout</td><td>5 s from connect to bind</td></tr>
 * <tr><td>reassemblyTimeout</td><td>60 s for the parts of a long MT</td></tr>
 * <tr><td>journalLimit</td><td>{@value #DEFAULT_JOURNAL_LIMIT} submits kept, oldest dropped</td></tr>
 * <tr><td>receiptZone</td><td>UTC, for the receipt text's dates</td></tr>
 * <tr><td>systemId</td><td>{@value #DEFAULT_SYSTEM_ID}, sent in bind responses</td></tr>
 * </table>
 */
public record SimulatorSettings(
        String host,
        int port,
        Map<String, String> accounts,
        int windowSize,
        Duration receiptDelay,
        List<ReceiptRule> receiptRules,
        ResponseIdFormat responseIdFormat,
        boolean receiptTlvs,
        int throttleLimit,
        Duration responseTimeout,
        Duration redeliveryDelay,
        int maxConnections,
        Duration bindTimeout,
        Duration reassemblyTimeout,
        int journalLimit,
        ZoneId receiptZone,
        String systemId,
        Duration receiptJitter) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_WINDOW_SIZE = 16;
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    public static final int DEFAULT_JOURNAL_LIMIT = 100_000;
    public static final String DEFAULT_SYSTEM_ID = "xsg-smsc";

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        require(port >= 0 && port <= 65_535, "port must be 0..65535");
        accounts = Map.copyOf(accounts);
        require(!accounts.isEmpty(), "at least one account is needed");
        require(windowSize >= 1, "windowSize must be at least 1");
        requireNonNegative(receiptDelay, "receiptDelay");
        receiptRules = List.copyOf(receiptRules);
        Objects.requireNonNull(responseIdFormat, "responseIdFormat");
        require(throttleLimit >= 0, "throttleLimit must be 0 (off) or positive");
        requirePositive(responseTimeout, "responseTimeout");
        requirePositive(redeliveryDelay, "redeliveryDelay");
        require(maxConnections >= 1, "maxConnections must be at least 1");
        requirePositive(bindTimeout, "bindTimeout");
        requirePositive(reassemblyTimeout, "reassemblyTimeout");
        require(journalLimit >= 1, "journalLimit must be at least 1");
        Objects.requireNonNull(receiptZone, "receiptZone");
        Objects.requireNonNull(systemId, "systemId");
        requireNonNegative(receiptJitter, "receiptJitter");
    }

    public static SimulatorSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.accounts = new LinkedHashMap<>(accounts);
        b.defaultAccount = false;
        b.windowSize = windowSize;
        b.receiptDelay = receiptDelay;
        b.receiptRules = new ArrayList<>(receiptRules);
        b.responseIdFormat = responseIdFormat;
        b.receiptTlvs = receiptTlvs;
        b.throttleLimit = throttleLimit;
        b.responseTimeout = responseTimeout;
        b.redeliveryDelay = redeliveryDelay;
        b.maxConnections = maxConnections;
        b.bindTimeout = bindTimeout;
        b.reassemblyTimeout = reassemblyTimeout;
        b.journalLimit = journalLimit;
        b.receiptZone = receiptZone;
        b.systemId = systemId;
        b.receiptJitter = receiptJitter;
        return b;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        require(!d.isNegative(), name + " must not be negative");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        require(!d.isNegative() && !d.isZero(), name + " must be positive");
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private Map<String, String> accounts = new LinkedHashMap<>(Map.of("gateway", "secret"));
        private boolean defaultAccount = true;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private Duration receiptDelay = Duration.ofSeconds(1);
        private Duration receiptJitter = Duration.ZERO;
        private List<ReceiptRule> receiptRules = new ArrayList<>();
        private ResponseIdFormat responseIdFormat = ResponseIdFormat.DECIMAL;
        private boolean receiptTlvs = true;
        private int throttleLimit;
        private Duration responseTimeout = Duration.ofSeconds(10);
        private Duration redeliveryDelay = Duration.ofSeconds(5);
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration bindTimeout = Duration.ofSeconds(5);
        private Duration reassemblyTimeout = Duration.ofSeconds(60);
        private int journalLimit = DEFAULT_JOURNAL_LIMIT;
        private ZoneId receiptZone = ZoneOffset.UTC;
        private String systemId = DEFAULT_SYSTEM_ID;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Adds an account; the first call replaces the default {@code gateway}/{@code secret}. */
        public Builder account(String systemId, String password) {
            if (defaultAccount) {
                accounts.clear();
                defaultAccount = false;
            }
            accounts.put(systemId, password);
            return this;
        }

        public Builder accounts(Map<String, String> accounts) {
            this.accounts = new LinkedHashMap<>(accounts);
            this.defaultAccount = false;
            return this;
        }

        public Builder windowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        public Builder receiptDelay(Duration receiptDelay) {
            this.receiptDelay = receiptDelay;
            return this;
        }

        public Builder receiptJitter(Duration receiptJitter) {
            this.receiptJitter = receiptJitter;
            return this;
        }

        /** Appends a rule; rules are tried in the order added, the first match wins. */
        public Builder receiptRule(ReceiptRule rule) {
            receiptRules.add(rule);
            return this;
        }

        public Builder receiptRules(List<ReceiptRule> rules) {
            this.receiptRules = new ArrayList<>(rules);
            return this;
        }

        public Builder responseIdFormat(ResponseIdFormat responseIdFormat) {
            this.responseIdFormat = responseIdFormat;
            return this;
        }

        public Builder receiptTlvs(boolean receiptTlvs) {
            this.receiptTlvs = receiptTlvs;
            return this;
        }

        public Builder throttleLimit(int submitsPerSecond) {
            this.throttleLimit = submitsPerSecond;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder redeliveryDelay(Duration redeliveryDelay) {
            this.redeliveryDelay = redeliveryDelay;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder bindTimeout(Duration bindTimeout) {
            this.bindTimeout = bindTimeout;
            return this;
        }

        public Builder reassemblyTimeout(Duration reassemblyTimeout) {
            this.reassemblyTimeout = reassemblyTimeout;
            return this;
        }

        public Builder journalLimit(int journalLimit) {
            this.journalLimit = journalLimit;
            return this;
        }

        public Builder receiptZone(ZoneId receiptZone) {
            this.receiptZone = receiptZone;
            return this;
        }

        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        public SimulatorSettings build() {
            return new SimulatorSettings(host, port, accounts, windowSize, receiptDelay, receiptRules, responseIdFormat,
                    receiptTlvs, throttleLimit, responseTimeout, redeliveryDelay, maxConnections, bindTimeout,
                    reassemblyTimeout, journalLimit, receiptZone, systemId, receiptJitter);
        }
    }
}
