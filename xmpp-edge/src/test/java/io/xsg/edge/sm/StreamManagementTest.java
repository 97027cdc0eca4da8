package io.xsg.edge.sm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamManagementTest {

    @Test
    void acknowledgementsRemoveTheOldestAndRefuseTooMany() {
        var sm = new StreamManagement("id");
        sm.sent("<a/>", true);
        sm.sent("<b/>", true);
        sm.sent("<c/>", true);
        assertThat(sm.acknowledge(1)).isTrue();
        assertThat(sm.unacknowledged()).containsExactly("<b/>", "<c/>");
        assertThat(sm.acknowledge(1)).as("the same h again changes nothing").isTrue();
        assertThat(sm.pending()).isEqualTo(2);
        assertThat(sm.acknowledge(4)).as("more than was sent").isFalse();
        assertThat(sm.acknowledge(3)).isTrue();
        assertThat(sm.pending()).isZero();
    }

    @Test
    void countersWrapAt2To32() {
        var sm = new StreamManagement(null);
        for (long i = 0; i < 3; i++) {
            sm.received();
        }
        assertThat(sm.handled()).isEqualTo(3);
        // the client's h wraps too: 2^32 - 1 then 0, 1 acknowledge what was sent across the wrap
        var wrapping = new StreamManagement(null);
        for (int i = 0; i < 3; i++) {
            wrapping.sent("<m" + i + "/>", true);
        }
        assertThat(wrapping.acknowledge((1L << 32) - 1)).as("far beyond what was sent").isFalse();
        assertThat(wrapping.acknowledge(2)).isTrue();
        assertThat(wrapping.unacknowledged()).containsExactly("<m2/>");
    }

    @Test
    void oneAckRequestPerRoundTrip() {
        var sm = new StreamManagement(null);
        assertThat(sm.requestAck()).as("nothing to acknowledge").isFalse();
        sm.sent("<a/>", true);
        assertThat(sm.requestAck()).isTrue();
        sm.sent("<b/>", true);
        assertThat(sm.requestAck()).isFalse();
        sm.acknowledge(1);
        assertThat(sm.requestAck()).isTrue();
    }

    @Test
    void aResumptionReplaysEverythingButOnlyWhatNobodyElseGotGoesElsewhere() {
        var sm = new StreamManagement("id");
        sm.sent("<only-here/>", true);
        sm.sent("<also-on-the-laptop/>", false);
        assertThat(sm.unacknowledged()).containsExactly("<only-here/>", "<also-on-the-laptop/>");
        assertThat(sm.toResend()).containsExactly("<only-here/>");
    }
}
