package io.xsg.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.sms.SmsSource;
import io.xsg.session.SessionServiceApplication;
import io.xsg.session.TestSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One queue per handset on the real PostgreSQL: with a window of 1 the next SMS goes only when the previous one's final
 * receipt (or refusal) is in, or its receipt timeout passed; one that expires while waiting is never released, and
 * its sender hears so. Routes pick the link by the longest prefix.
 */
@SpringBootTest(classes = SessionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "gateway.session.im.enabled=false", "gateway.session.reaper.enabled=false",
        "gateway.session.console.enabled=false", "gateway.sms.receipt-timeout=500ms",
        "gateway.sms.routes[0].prefix=+44", "gateway.sms.routes[0].link=uk",
        "gateway.sms.routes[1].prefix=+447", "gateway.sms.routes[1].link=uk-mobile"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HandsetOutboxTest {

    private static final TestSchema SCHEMA = TestSchema.unique("sms_outbox");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    HandsetOutbox outboxes;
    @Autowired
    SmsSubmits submits;
    @Autowired
    SmsBridgeProperties properties;
    @Autowired
    TransactionTemplate transactions;

    private final RecordingOutput out = new RecordingOutput();

    private String enqueue(String handset, String text, Instant expiresAt) {
        var sms = new HandsetOutbox.Sms(handset, SmsSource.shortCode("X000000001"), text, expiresAt,
                "icp@a.test/app", handset + "@sms.a.test", "id-" + text, true);
        return transactions.execute(tx -> outboxes.enqueue(UUID.randomUUID().toString(), sms, out));
    }

    private void pump(String handset) {
        transactions.executeWithoutResult(tx -> outboxes.pump(handset, out));
    }

    private static String handset() {
        return "+1415556" + String.format("%04d", (int) (Math.random() * 10_000));
    }

    @Test
    void oneAtATimeInOrderEachAfterThePreviousFinalReceipt() {
        String handset = handset();
        Instant later = Instant.now().plusSeconds(60);
        List<String> ids = List.of(enqueue(handset, "one", later), enqueue(handset, "two", later),
                enqueue(handset, "three", later));
        assertThat(out.texts()).containsExactly("one");
        pump(handset);
        assertThat(out.texts()).as("nothing more while 'one' awaits its receipt").containsExactly("one");

        submits.accepted(ids.get(0), "smsc-1", List.of("m-" + ids.get(0)));
        pump(handset);
        assertThat(out.texts()).as("accepted is not delivered").containsExactly("one");
        submits.receipt("smsc-1", "m-" + ids.get(0), true);
        pump(handset);
        assertThat(out.texts()).containsExactly("one", "two");

        submits.failed(ids.get(1)); // refused by the SMSC: its window is free too
        pump(handset);
        assertThat(out.texts()).containsExactly("one", "two", "three");
        assertThat(out.submits).allSatisfy(r -> {
            assertThat(r.receipt()).as("registered_delivery").isTrue();
            assertThat(r.destination()).isEqualTo(handset);
            assertThat(r.linkId()).isEqualTo("smsc-1");
        });
    }

    @Test
    void aMissingReceiptHoldsTheWindowOnlyUntilTheReceiptTimeout() throws InterruptedException {
        String handset = handset();
        Instant later = Instant.now().plusSeconds(60);
        enqueue(handset, "first", later);
        enqueue(handset, "second", later);
        assertThat(out.texts()).containsExactly("first");
        Thread.sleep(properties.receiptTimeout().plusMillis(100).toMillis());
        pump(handset);
        assertThat(out.texts()).containsExactly("first", "second");
    }

    @Test
    void anSmsThatExpiresWhileWaitingIsNeverSentAndItsSenderIsTold() throws InterruptedException {
        String handset = handset();
        enqueue(handset, "blocking", Instant.now().plusSeconds(60));
        enqueue(handset, "stale", Instant.now().plusMillis(100));
        enqueue(handset, "fresh", Instant.now().plusSeconds(60));
        Thread.sleep(200);
        pump(handset);
        assertThat(out.stanzas).singleElement().satisfies(error -> {
            assertThat(error.type()).isEqualTo("error");
            assertThat(error.to()).isEqualTo("icp@a.test/app");
            assertThat(error.from()).isEqualTo(handset + "@sms.a.test");
            assertThat(error.xml()).contains("remote-server-timeout").contains("id-stale");
        });
        Thread.sleep(properties.receiptTimeout().toMillis());
        pump(handset);
        assertThat(out.texts()).containsExactly("blocking", "fresh");
    }

    @Test
    void theSameCauseQueuesOnce() {
        String handset = handset();
        var sms = new HandsetOutbox.Sms(handset, SmsSource.shortCode("123"), "once", Instant.now().plusSeconds(60),
                null, null, null, false);
        transactions.executeWithoutResult(tx -> outboxes.enqueue("cause-" + handset, sms, out));
        transactions.executeWithoutResult(tx -> outboxes.enqueue("cause-" + handset, sms, out));
        assertThat(out.texts()).containsExactly("once");
        assertThat(submits.handsetsWaiting()).doesNotContain(handset);
    }

    @Test
    void theLongestPrefixPicksTheLink() {
        assertThat(properties.linkFor("+447700900123")).isEqualTo("uk-mobile");
        assertThat(properties.linkFor("+442079460000")).isEqualTo("uk");
        assertThat(properties.linkFor("+14155550100")).isEqualTo("smsc-1");
        String handset = "+4477009" + String.format("%05d", (int) (Math.random() * 100_000));
        enqueue(handset, "to the UK", Instant.now().plusSeconds(60));
        assertThat(out.submits).singleElement().satisfies(r -> assertThat(r.linkId()).isEqualTo("uk-mobile"));
    }

    @Test
    void windowDefaultsToOne() {
        assertThat(properties.window()).isEqualTo(1);
        assertThat(properties.defaultExpiry()).isEqualTo(Duration.ofSeconds(60));
    }
}
