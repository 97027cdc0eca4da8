package io.xsg.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.SessionEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionDirectoryTest {

    private final SessionDirectory directory = new SessionDirectory();
    private final List<SessionEntry> replaced = new ArrayList<>();

    private static SessionEntry session(String id, String fullJid, boolean available, int priority, long boundAt) {
        return new SessionEntry(id, fullJid, "edge-1", "inc-1", available, priority, boundAt);
    }

    private void apply(SessionEntry entry) {
        directory.apply(entry.sessionId(), entry, replaced::add);
    }

    private void tombstone(String sessionId) {
        directory.apply(sessionId, null, replaced::add);
    }

    @Test
    void aWaitForASessionEndsWhenItIsAppliedOrAtOnceIfItIsKnown() {
        var phone = session("s1", "juliet@a.test/phone", false, 0, 1);
        var waiting = directory.entryOf("s1");
        assertThat(waiting).isNotDone();
        apply(session("s2", "juliet@a.test/laptop", false, 0, 2));
        assertThat(waiting).as("another session's entry").isNotDone();
        apply(phone);
        assertThat(waiting).isCompletedWithValue(phone);
        assertThat(directory.entryOf("s1")).isCompletedWithValue(phone);
    }

    @Test
    void aWaitGivenUpIsForgotten() {
        var waiting = directory.entryOf("s1");
        directory.stopAwaiting("s1", waiting);
        apply(session("s1", "juliet@a.test/phone", false, 0, 1));
        assertThat(waiting).as("no longer completed by the feed").isNotDone();
    }

    @Test
    void applyIndexesByFullAndBareJid() {
        var phone = session("s1", "juliet@a.test/phone", true, 0, 1);
        var laptop = session("s2", "juliet@a.test/laptop", true, 0, 2);
        apply(phone);
        apply(laptop);

        assertThat(directory.byFullJid("juliet@a.test/phone")).isEqualTo(phone);
        assertThat(directory.byFullJid("juliet@a.test/laptop")).isEqualTo(laptop);
        assertThat(directory.byFullJid("juliet@a.test/tablet")).isNull();
        assertThat(directory.byFullJid("juliet@a.test")).isNull();
        assertThat(directory.byBareJid("juliet@a.test")).containsExactlyInAnyOrder(phone, laptop);
        assertThat(directory.byBareJid("romeo@a.test")).isEmpty();
        assertThat(directory.size()).isEqualTo(2);
        assertThat(replaced).isEmpty();
    }

    @Test
    void updateOfTheSameSessionReplacesItsEntryWithoutReportingIt() {
        var phone = session("s1", "juliet@a.test/phone", false, 0, 1);
        apply(phone);
        apply(phone.withPresence(true, 5));

        assertThat(directory.byFullJid("juliet@a.test/phone").available()).isTrue();
        assertThat(directory.byFullJid("juliet@a.test/phone").priority()).isEqualTo(5);
        assertThat(directory.byBareJid("juliet@a.test")).hasSize(1);
        assertThat(directory.size()).isEqualTo(1);
        assertThat(replaced).isEmpty();
    }

    @Test
    void tombstoneRemovesTheSession() {
        apply(session("s1", "juliet@a.test/phone", true, 0, 1));
        apply(session("s2", "juliet@a.test/laptop", true, 0, 2));

        tombstone("s1");

        assertThat(directory.byFullJid("juliet@a.test/phone")).isNull();
        assertThat(directory.byBareJid("juliet@a.test")).extracting(SessionEntry::sessionId).containsExactly("s2");
        assertThat(directory.size()).isEqualTo(1);

        tombstone("s2");
        assertThat(directory.byBareJid("juliet@a.test")).isEmpty();
        assertThat(directory.size()).isZero();
    }

    @Test
    void tombstoneOfAnUnknownSessionIsHarmless() {
        apply(session("s1", "juliet@a.test/phone", true, 0, 1));

        tombstone("nope");

        assertThat(directory.byBareJid("juliet@a.test")).hasSize(1);
        assertThat(replaced).isEmpty();
    }

    @Test
    void highestPriorityReturnsAllSessionsTiedAtTheTop() {
        apply(session("s1", "juliet@a.test/a", true, 5, 1));
        apply(session("s2", "juliet@a.test/b", true, 5, 2));
        apply(session("s3", "juliet@a.test/c", true, 1, 3));
        apply(session("s4", "juliet@a.test/d", false, 50, 4)); // unavailable: not a candidate whatever its priority

        assertThat(directory.highestPriority("juliet@a.test")).extracting(SessionEntry::sessionId)
                .containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void highestPriorityPicksTheSingleBestWhateverTheOrder() {
        apply(session("s1", "juliet@a.test/a", true, 0, 1));
        apply(session("s2", "juliet@a.test/b", true, 7, 2));
        apply(session("s3", "juliet@a.test/c", true, 3, 3));

        assertThat(directory.highestPriority("juliet@a.test")).extracting(SessionEntry::sessionId)
                .containsExactly("s2");
    }

    @Test
    void highestPriorityIncludesPriorityZero() {
        apply(session("s1", "juliet@a.test/a", true, 0, 1));
        apply(session("s2", "juliet@a.test/b", true, -1, 2));

        assertThat(directory.highestPriority("juliet@a.test")).extracting(SessionEntry::sessionId)
                .containsExactly("s1");
    }

    @Test
    void highestPriorityIsEmptyWhenAllAreNegativeOrUnavailable() {
        apply(session("s1", "juliet@a.test/a", true, -1, 1));
        apply(session("s2", "juliet@a.test/b", true, -128, 2));
        apply(session("s3", "juliet@a.test/c", false, 10, 3));

        assertThat(directory.highestPriority("juliet@a.test")).isEmpty();
        assertThat(directory.highestPriority("nobody@a.test")).isEmpty();
    }

    @Test
    void nonNegativeReturnsEveryAvailableSessionWithPriorityZeroOrMore() {
        apply(session("s1", "juliet@a.test/a", true, 5, 1));
        apply(session("s2", "juliet@a.test/b", true, 0, 2));
        apply(session("s3", "juliet@a.test/c", true, -1, 3));
        apply(session("s4", "juliet@a.test/d", false, 9, 4));

        assertThat(directory.nonNegative("juliet@a.test")).extracting(SessionEntry::sessionId)
                .containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void laterBindingOfAFullJidReplacesTheOlderOne() {
        var older = session("s1", "juliet@a.test/phone", true, 0, 100);
        var newer = session("s2", "juliet@a.test/phone", true, 0, 200);
        apply(older);
        apply(newer);

        assertThat(replaced).containsExactly(older);
        assertThat(directory.byFullJid("juliet@a.test/phone")).isEqualTo(newer);
        assertThat(directory.byBareJid("juliet@a.test")).containsExactly(newer);
    }

    @Test
    void olderBindingReadAfterTheNewerOneLosesAtOnce() {
        var older = session("s1", "juliet@a.test/phone", true, 0, 100);
        var newer = session("s2", "juliet@a.test/phone", true, 0, 200);
        apply(newer);
        apply(older);

        assertThat(replaced).containsExactly(older);
        assertThat(directory.byFullJid("juliet@a.test/phone")).isEqualTo(newer);
        assertThat(directory.byBareJid("juliet@a.test")).containsExactly(newer);
    }

    @Test
    void tombstoneOfTheReplacedSessionKeepsTheNewerOne() {
        var older = session("s1", "juliet@a.test/phone", true, 0, 100);
        var newer = session("s2", "juliet@a.test/phone", true, 0, 200);
        apply(older);
        apply(newer);

        tombstone("s1");

        assertThat(directory.byFullJid("juliet@a.test/phone")).isEqualTo(newer);
        assertThat(directory.byBareJid("juliet@a.test")).containsExactly(newer);
        assertThat(directory.size()).isEqualTo(1);
    }

    @Test
    void tombstoneOfTheLoserReadAfterTheWinnerKeepsTheWinner() {
        var older = session("s1", "juliet@a.test/phone", true, 0, 100);
        var newer = session("s2", "juliet@a.test/phone", true, 0, 200);
        apply(newer);
        apply(older);

        tombstone("s1");

        assertThat(directory.byFullJid("juliet@a.test/phone")).isEqualTo(newer);
        assertThat(directory.size()).isEqualTo(1);
    }

    @Test
    void tombstoneOfTheWinnerLeavesTheFullJidFree() {
        var older = session("s1", "juliet@a.test/phone", true, 0, 100);
        var newer = session("s2", "juliet@a.test/phone", true, 0, 200);
        apply(older);
        apply(newer);

        tombstone("s2");

        // the replaced session is not resurrected: its stream is being closed with <conflict/>
        assertThat(directory.byFullJid("juliet@a.test/phone")).isNull();
        assertThat(directory.byBareJid("juliet@a.test")).isEmpty();
    }

    @Test
    void sessionsOfDifferentAccountsAreIndependent() {
        apply(session("s1", "juliet@a.test/phone", true, 0, 1));
        apply(session("s2", "romeo@a.test/phone", true, 0, 2));

        assertThat(replaced).isEmpty();
        assertThat(directory.byFullJid("juliet@a.test/phone").sessionId()).isEqualTo("s1");
        assertThat(directory.byFullJid("romeo@a.test/phone").sessionId()).isEqualTo("s2");
    }

    @Test
    void readersNeverSeeASessionMissingWhileItsPresenceChanges() throws Exception {
        apply(session("s1", "juliet@a.test/phone", true, 0, 1));
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var misses = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                if (directory.byFullJid("juliet@a.test/phone") == null
                        || directory.byBareJid("juliet@a.test").isEmpty()) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            apply(session("s1", "juliet@a.test/phone", i % 2 == 0, i % 5, 1));
        }
        stop.set(true);
        reader.join();
        assertThat(misses.get()).isZero();
        assertThat(directory.byFullJid("juliet@a.test/phone").priority()).isEqualTo(19_999 % 5);
    }
}
