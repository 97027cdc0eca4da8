package io.xsg.sms.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptStateTest {

    @ParameterizedTest
    @CsvSource({
        "ENROUTE, 1, ENROUTE, false", "DELIVERED, 2, DELIVRD, true", "EXPIRED, 3, EXPIRED, true",
        "DELETED, 4, DELETED, true", "UNDELIVERABLE, 5, UNDELIV, true", "ACCEPTED, 6, ACCEPTD, false",
        "UNKNOWN, 7, UNKNOWN, true", "REJECTED, 8, REJECTD, true", "SKIPPED, 9, SKIPPED, true",
    })
    void valuesPerSmpp(ReceiptState state, int messageState, String stat, boolean isFinal) {
        assertThat(state.messageState()).isEqualTo(messageState);
        assertThat(state.stat()).isEqualTo(stat);
        assertThat(state.isFinal()).isEqualTo(isFinal);
        assertThat(ReceiptState.fromMessageState(messageState)).isEqualTo(state);
        assertThat(ReceiptState.fromStat(stat)).contains(state);
    }

    @Test
    void rejectsUnknownMessageStates() {
        assertThatThrownBy(() -> ReceiptState.fromMessageState(0)).hasMessage("message_state 0 outside 1..9");
        assertThatThrownBy(() -> ReceiptState.fromMessageState(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "delivrd, DELIVERED", "Delivered, DELIVERED", "' DELIVRD ', DELIVERED", "undeliverable, UNDELIVERABLE",
        "UNDELIVERED, UNDELIVERABLE", "accepted, ACCEPTED", "Rejected, REJECTED", "EXPIRD, EXPIRED",
        "en-route, ENROUTE", "En Route, ENROUTE", "deletd, DELETED", "skippd, SKIPPED",
    })
    void statVariants(String stat, ReceiptState expected) {
        assertThat(ReceiptState.fromStat(stat)).contains(expected);
    }

    @Test
    void unknownStatIsEmpty() {
        assertThat(ReceiptState.fromStat("FAILED")).isEmpty();
        assertThat(ReceiptState.fromStat("")).isEmpty();
        assertThat(ReceiptState.fromStat(null)).isEmpty();
    }
}
