package io.xsg.smsc.handset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandsetsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    private final Handsets handsets = new Handsets();

    @Test
    void aLongMtIsDeliveredOnlyWhenEveryPartIsAndTheFirstFailureWins() {
        HandsetMessage m = handsets.recordMt("+1555", "123", "hello", 2, List.of("a", "b"), T0, true);
        assertThat(m.status()).isEqualTo("SUBMITTED");
        handsets.receiptOutcome("a", "DELIVRD");
        assertThat(handsets.messages("+1555").get(0).status()).isEqualTo("SUBMITTED");
        handsets.receiptOutcome("b", "DELIVRD");
        assertThat(handsets.messages("+1555").get(0).status()).isEqualTo("DELIVRD");

        handsets.recordMt("+1555", "123", "again", 2, List.of("c", "d"), T0, true);
        handsets.receiptOutcome("c", "DELIVRD");
        handsets.receiptOutcome("d", "UNDELIV");
        assertThat(handsets.messages("+1555").get(1).status()).isEqualTo("UNDELIV");
    }

    @Test
    void receiptsThatCameBeforeTheLastPartAreNotLost() {
        handsets.receiptOutcome("a", "DELIVRD");
        HandsetMessage m = handsets.recordMt("+1555", "123", "hello", 1, List.of("a"), T0, true);
        assertThat(m.status()).isEqualTo("DELIVRD");
    }

    @Test
    void summariesCountBothDirectionsAndRememberWhereTheLastMtCameFrom() {
        handsets.recordMt("+1555", "X000000001", "hi", 1, List.of("a"), T0, true);
        HandsetMessage mo = handsets.recordMo("+1555", "X000000001", "hello back", 1, T0.plusSeconds(5));
        handsets.updateStatus("+1555", mo.id(), "ACCEPTED");
        handsets.recordMt("+1666", "123", "welcome", 1, List.of("b"), T0.plusSeconds(1), true);

        assertThat(handsets.handsets()).extracting(HandsetSummary::msisdn).containsExactly("+1555", "+1666");
        HandsetSummary first = handsets.handsets().get(0);
        assertThat(first.mtCount()).isEqualTo(1);
        assertThat(first.moCount()).isEqualTo(1);
        assertThat(first.lastActivity()).isEqualTo(T0.plusSeconds(5));
        assertThat(first.lastMtFrom()).isEqualTo("X000000001");
        assertThat(handsets.messages("+1555")).extracting(HandsetMessage::status).containsExactly("SUBMITTED", "ACCEPTED");
        assertThat(handsets.messages("+1777")).isEmpty();
    }

    @Test
    void threadsAreBounded() {
        for (int i = 0; i < Handsets.MAX_MESSAGES_PER_HANDSET + 10; i++) {
            handsets.recordMo("+1555", "123", "m" + i, 1, T0);
        }
        List<HandsetMessage> thread = handsets.messages("+1555");
        assertThat(thread).hasSize(Handsets.MAX_MESSAGES_PER_HANDSET);
        assertThat(thread.get(0).text()).isEqualTo("m10");
    }

    @Test
    void anIncompleteSetIsFiledAsPartial() {
        assertThat(handsets.recordMt("+1555", "123", "half", 3, List.of("a"), T0, false).status()).isEqualTo("PARTIAL");
    }
}
