package io.xsg.smpp.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition tp = new TopicPartition("sms.submit.l", 0);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void commitsOnlyTheContiguousPrefixOfFinishedRecords() {
        for (long o = 10; o < 15; o++) {
            tracker.received(tp, o);
        }
        tracker.done(tp, 12);
        tracker.done(tp, 11);
        assertThat(tracker.toCommit()).isEmpty(); // 10 still with the SMSC: committing past it could lose it

        tracker.done(tp, 10);
        assertThat(tracker.toCommit().get(tp).offset()).isEqualTo(13);
        assertThat(tracker.toCommit()).as("nothing new").isEmpty();
        assertThat(tracker.pending(tp)).isEqualTo(2);

        tracker.done(tp, 14);
        tracker.done(tp, 13);
        assertThat(tracker.toCommit().get(tp).offset()).isEqualTo(15);
        assertThat(tracker.totalPending()).isZero();
    }

    @Test
    void aRevokedPartitionIsForgottenAndLateCompletionsIgnored() {
        tracker.received(tp, 0);
        tracker.forget(tp);
        tracker.done(tp, 0);
        assertThat(tracker.toCommit()).isEmpty();
    }
}
