package io.xsg.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeliveryReceiptFormatterTest {

    private static final Instant SUBMIT = Instant.parse("2025-01-31T12:00:30Z");
    private static final Instant DONE = Instant.parse("2025-01-31T12:01:59Z");

    @Test
    void writesAppendixB() {
        assertThat(DeliveryReceiptFormatter.format("6699", 1, 1, SUBMIT, DONE, ReceiptState.DELIVERED, null,
                "Hello world, how are you today?", ZoneOffset.UTC))
                .isEqualTo("id:6699 sub:001 dlvrd:001 submit date:2501311200 done date:2501311201 stat:DELIVRD"
                        + " err:000 text:Hello world, how are");
    }

    @Test
    void padsErrorCodesAndUsesTheZone() {
        assertThat(DeliveryReceiptFormatter.format("1", 2, 0, SUBMIT, DONE, ReceiptState.UNDELIVERABLE, "7", null,
                ZoneId.of("Asia/Kolkata")))
                .isEqualTo("id:1 sub:002 dlvrd:000 submit date:2501311730 done date:2501311731 stat:UNDELIV"
                        + " err:007 text:");
        assertThat(DeliveryReceiptFormatter.format("1", 1, 0, SUBMIT, DONE, ReceiptState.REJECTED, "0x0B", "",
                ZoneOffset.UTC)).contains("err:0x0B");
    }

    @Test
    void neverCutsASurrogatePair() {
        String text = "x".repeat(19) + "😀tail";
        assertThat(DeliveryReceiptFormatter.format("1", 1, 1, SUBMIT, DONE, ReceiptState.DELIVERED, null, text,
                ZoneOffset.UTC)).endsWith("text:" + "x".repeat(19));
    }

    @Test
    void roundTripsThroughTheParser() {
        String receipt = DeliveryReceiptFormatter.format("00ab", 3, 2, SUBMIT, DONE, ReceiptState.EXPIRED, "12",
                "a: b", ZoneOffset.UTC);
        DeliveryReceipt r = DeliveryReceiptParser.parse(null, null, null, receipt, MessageIdFormat.HEX,
                ZoneOffset.UTC);
        assertThat(r).isEqualTo(new DeliveryReceipt("171", "00ab", ReceiptState.EXPIRED, "012", 3, 2,
                Instant.parse("2025-01-31T12:00:00Z"), Instant.parse("2025-01-31T12:01:00Z"), "a: b"));
    }
}
