package io.xsg.sms.receipt;

import static io.xsg.sms.receipt.MessageIdFormat.AS_IS;
import static io.xsg.sms.receipt.MessageIdFormat.DECIMAL;
import static io.xsg.sms.receipt.MessageIdFormat.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryReceiptParserTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final String APPENDIX_B = "id:0000006699 sub:001 dlvrd:001 submit date:2501311200 "
            + "done date:2501311201 stat:DELIVRD err:000 text:Hello: world, 5€";

    private static DeliveryReceipt text(String text) {
        return DeliveryReceiptParser.parse(null, null, null, text, DECIMAL, UTC);
    }

    @Test
    void appendixBText() {
        assertThat(text(APPENDIX_B)).isEqualTo(new DeliveryReceipt("6699", "0000006699", ReceiptState.DELIVERED,
                "000", 1, 1, Instant.parse("2025-01-31T12:00:00Z"), Instant.parse("2025-01-31T12:01:00Z"),
                "Hello: world, 5€"));
    }

    @Test
    void tlvsOnly() {
        DeliveryReceipt r = DeliveryReceiptParser.parse("1A2B", 5, "0x0301", null, HEX, UTC);
        assertThat(r).isEqualTo(new DeliveryReceipt("6699", "1A2B", ReceiptState.UNDELIVERABLE, "0x0301", null,
                null, null, null, null));
    }

    @Test
    void tlvsWinOverText() {
        DeliveryReceipt r = DeliveryReceiptParser.parse(" 6699 ", 3, null,
                "id:1 sub:001 dlvrd:000 stat:DELIVRD err:042 text:x", DECIMAL, UTC);
        assertThat(r.messageId()).isEqualTo("6699");
        assertThat(r.rawMessageId()).isEqualTo("6699");
        assertThat(r.state()).isEqualTo(ReceiptState.EXPIRED);
        assertThat(r.errorCode()).isEqualTo("042");
        assertThat(r.delivered()).isZero();
        assertThat(DeliveryReceiptParser.parse(null, null, "0x0105", "id:1 stat:UNDELIV err:042", AS_IS, UTC)
                .errorCode()).isEqualTo("0x0105");
    }

    @Test
    void textFillsWhatTheTlvsLack() {
        DeliveryReceipt r = DeliveryReceiptParser.parse("77", null, null, "id:99 stat:REJECTD", DECIMAL, UTC);
        assertThat(r.messageId()).isEqualTo("77");
        assertThat(r.state()).isEqualTo(ReceiptState.REJECTED);
        DeliveryReceipt s = DeliveryReceiptParser.parse(null, 2, null, "id:99 stat:whatever", DECIMAL, UTC);
        assertThat(s.messageId()).isEqualTo("99");
        assertThat(s.state()).isEqualTo(ReceiptState.DELIVERED);
    }

    @Test
    void anOutOfRangeStateTlvFallsBackToTheText() {
        assertThat(DeliveryReceiptParser.parse("1", 0, null, "stat:ACCEPTD", DECIMAL, UTC).state())
                .isEqualTo(ReceiptState.ACCEPTED);
    }

    @Test
    void tlvAndTextIdsInTheirOwnFormatsMeetTheSubmitId() {
        String submitted = MessageIds.normalise("00FF", HEX);
        DeliveryReceipt fromTlv = DeliveryReceiptParser.parse("ff", null, null, "id:0255 stat:DELIVRD", HEX,
                DECIMAL, UTC);
        DeliveryReceipt fromText = DeliveryReceiptParser.parse(null, null, null, "id:0255 stat:DELIVRD", HEX,
                DECIMAL, UTC);
        assertThat(fromTlv.messageId()).isEqualTo(submitted);
        assertThat(fromText.messageId()).isEqualTo(submitted);
    }

    @Test
    void anyCaseOrderAndSpellingOfKeys() {
        DeliveryReceipt r = text("STAT:delivered Err:7 Submit_Date:250131120005 ID:42 DONE DATE:2501311201 "
                + "Sub:2 DLVRD:2 Text:hi");
        assertThat(r.messageId()).isEqualTo("42");
        assertThat(r.state()).isEqualTo(ReceiptState.DELIVERED);
        assertThat(r.errorCode()).isEqualTo("7");
        assertThat(r.submitted()).isEqualTo(2);
        assertThat(r.delivered()).isEqualTo(2);
        assertThat(r.submitDate()).isEqualTo(Instant.parse("2025-01-31T12:00:05Z"));
        assertThat(r.doneDate()).isEqualTo(Instant.parse("2025-01-31T12:01:00Z"));
        assertThat(r.text()).isEqualTo("hi");
    }

    @Test
    void missingExtraAndOddlySpacedFields() {
        DeliveryReceipt r = text("id: 42 foo:bar stray submitdate:2501311200 stat:UNDELIV vendor_code:X1");
        assertThat(r.messageId()).isEqualTo("42");
        assertThat(r.state()).isEqualTo(ReceiptState.UNDELIVERABLE);
        assertThat(r.submitDate()).isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
        assertThat(r.submitted()).isNull();
        assertThat(r.doneDate()).isNull();
        assertThat(r.errorCode()).isNull();
        assertThat(r.text()).isNull();
    }

    @Test
    void textRunsToTheEndWithItsColons() {
        assertThat(text("id:1 stat:DELIVRD text:id:2 stat:REJECTD").text()).isEqualTo("id:2 stat:REJECTD");
        assertThat(text("id:1 stat:DELIVRD text:").text()).isEmpty();
    }

    @Test
    void datesAreReadInTheSmscZone() {
        DeliveryReceipt r = DeliveryReceiptParser.parse(null, null, null,
                "id:1 stat:DELIVRD submit date:2507011200", DECIMAL, ZoneId.of("Europe/Paris"));
        assertThat(r.submitDate()).isEqualTo(Instant.parse("2025-07-01T10:00:00Z"));
    }

    @Test
    void unparseableOptionalFieldsAreNull() {
        DeliveryReceipt r = text("id:1 sub:abc dlvrd:-1 submit date:2513311200 done date:25013112 stat:DELIVRD");
        assertThat(r.submitted()).isNull();
        assertThat(r.delivered()).isNull();
        assertThat(r.submitDate()).isNull();
        assertThat(r.doneDate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub:001 stat:DELIVRD", "id: stat:DELIVRD", "text:id:5 stat:DELIVRD", ""})
    void noIdAnywhereIsRejected(String receipt) {
        assertThatThrownBy(() -> text(receipt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no message id");
    }

    @Test
    void noStateAnywhereIsRejected() {
        assertThatThrownBy(() -> text("id:5 stat:FAILED")).hasMessageContaining("no known state");
        assertThatThrownBy(() -> DeliveryReceiptParser.parse("5", null, null, null, DECIMAL, UTC))
                .hasMessageContaining("no known state");
    }

    @Test
    void anIdThatIsNotANumberOfItsFormatIsRejected() {
        assertThatThrownBy(() -> text("id:12AB stat:DELIVRD")).hasMessageContaining("'12AB'");
    }
}
