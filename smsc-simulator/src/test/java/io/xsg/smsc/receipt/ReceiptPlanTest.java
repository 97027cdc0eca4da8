package io.xsg.smsc.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.sms.receipt.ReceiptState;
import io.xsg.smsc.ReceiptRule;
import io.xsg.smsc.SimAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptPlanTest {
    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final List<ReceiptRule> RULES = List.of(
            new ReceiptRule("+4477", ReceiptState.UNDELIVERABLE, "001"),
            new ReceiptRule("44", ReceiptState.REJECTED, "002"));

    @Test
    void firstMatchingPrefixWinsAndOthersAreDelivered() {
        assertThat(plan("447700900001", 1, null).state()).isEqualTo(ReceiptState.UNDELIVERABLE);
        assertThat(plan("447700900001", 1, null).errorCode()).isEqualTo("001");
        assertThat(plan("442000000000", 1, null).state()).isEqualTo(ReceiptState.REJECTED);
        ReceiptPlan other = plan("15550000001", 1, null);
        assertThat(other.state()).isEqualTo(ReceiptState.DELIVERED);
        assertThat(other.errorCode()).isEqualTo("000");
        assertThat(other.doneAt()).isEqualTo(T0.plus(DELAY));
    }

    @Test
    void validityEndingBeforeTheOutcomeExpiresTheMessageAtTheEndOfTheValidity() {
        ReceiptPlan plan = plan("15550000001", 1, T0.plusSeconds(1));
        assertThat(plan.state()).isEqualTo(ReceiptState.EXPIRED);
        assertThat(plan.doneAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(plan("15550000001", 1, T0.minusSeconds(5)).doneAt()).isEqualTo(T0);
        assertThat(plan("15550000001", 1, T0.plusSeconds(3)).state()).isEqualTo(ReceiptState.DELIVERED);
    }

    @Test
    void registeredDeliveryDecidesWhetherTheEsmeHearsOfIt() {
        assertThat(plan("15550000001", 0, null).sendReceipt()).isFalse();
        assertThat(plan("15550000001", 1, null).sendReceipt()).isTrue();
        assertThat(plan("15550000001", 2, null).sendReceipt()).isFalse();
        assertThat(plan("447700900001", 2, null).sendReceipt()).isTrue();
        assertThat(plan("15550000001", 0x11, null).sendReceipt()).isTrue();
    }

    private static ReceiptPlan plan(String destination, int registeredDelivery, Instant validityEnd) {
        return ReceiptPlan.of(new SimAddress(destination, 1, 1), T0, validityEnd, registeredDelivery, RULES, DELAY);
    }
}
