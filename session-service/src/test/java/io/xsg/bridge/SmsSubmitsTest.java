package io.xsg.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.bridge.SmsSubmits.Settled;
import io.xsg.session.SessionServiceApplication;
import io.xsg.session.TestSchema;
import java.sql.SQLException;
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

/** The bridge's correlation on the real PostgreSQL: every answer settles once, whatever Kafka repeats. */
@SpringBootTest(classes = SessionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "gateway.session.im.enabled=false", "gateway.session.reaper.enabled=false",
        "gateway.session.console.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SmsSubmitsTest {

    private static final TestSchema SCHEMA = TestSchema.unique("sms_submits");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    SmsSubmits submits;

    private String queued() {
        String id = UUID.randomUUID().toString();
        submits.waiting(new SmsSubmits.Submit(id, "+1234555666", "icp@a.test/app", "+1234555666@sms.a.test", "m1",
                true), "{}", Instant.now().plusSeconds(60));
        assertThat(submits.released(id)).isTrue();
        assertThat(submits.released(id)).as("released once").isFalse();
        return id;
    }

    @Test
    void aLongSmsIsDeliveredWhenItsLastSegmentIsAndOnlyOnce() {
        String id = queued();
        assertThat(submits.accepted(id, "smsc-1", List.of("a1", "a2"))).contains(Settled.NOTHING);
        assertThat(submits.accepted(id, "smsc-1", List.of("a1", "a2"))).as("a repeated result").isEmpty();

        assertThat(submits.receipt("smsc-1", "a1", true)).hasValueSatisfying(r ->
                assertThat(r.settled()).isEqualTo(Settled.NOTHING));
        assertThat(submits.receipt("smsc-1", "a1", true)).hasValueSatisfying(r ->
                assertThat(r.settled()).as("a repeated receipt").isEqualTo(Settled.NOTHING));
        assertThat(submits.receipt("smsc-1", "a2", true)).hasValueSatisfying(r -> {
            assertThat(r.settled()).isEqualTo(Settled.DELIVERED);
            assertThat(r.submit().requester()).isEqualTo("icp@a.test/app");
            assertThat(r.submit().stanzaId()).isEqualTo("m1");
        });
        assertThat(submits.receipt("smsc-1", "a2", true)).hasValueSatisfying(r ->
                assertThat(r.settled()).isEqualTo(Settled.NOTHING));
    }

    @Test
    void oneFailedSegmentFailsTheSmsOnce() {
        String id = queued();
        submits.accepted(id, "smsc-1", List.of("b1", "b2"));
        assertThat(submits.receipt("smsc-1", "b1", false)).hasValueSatisfying(r ->
                assertThat(r.settled()).isEqualTo(Settled.FAILED));
        assertThat(submits.receipt("smsc-1", "b2", false)).hasValueSatisfying(r ->
                assertThat(r.settled()).isEqualTo(Settled.NOTHING));
        assertThat(submits.receipt("smsc-1", "b2", true)).hasValueSatisfying(r ->
                assertThat(r.settled()).isEqualTo(Settled.NOTHING));
    }

    @Test
    void aRefusalSettlesOnceAndForeignIdsAreNotOurs() {
        String id = queued();
        assertThat(submits.failed(id)).isTrue();
        assertThat(submits.failed(id)).isFalse();
        assertThat(submits.accepted(id, "smsc-1", List.of("c1"))).as("too late").isEmpty();
        assertThat(submits.receipt("smsc-1", "never-ours", true)).isEmpty();
        assertThat(submits.receipt("smsc-2", "a1", true)).as("ids are per link").isEmpty();
        assertThat(submits.purgeHeld(java.time.Duration.ZERO)).as("held receipts nobody claimed").isEqualTo(2);
    }

    @Test
    void aReceiptBeforeItsResultWaitsForIt() {
        String id = queued();
        assertThat(submits.receipt("smsc-1", "d1", true)).as("no result names it yet").isEmpty();
        assertThat(submits.receipt("smsc-1", "d1", true)).as("held once").isEmpty();
        assertThat(submits.accepted(id, "smsc-1", List.of("d1"))).contains(Settled.DELIVERED);
        assertThat(submits.receipt("smsc-1", "d1", true)).hasValueSatisfying(r ->
                assertThat(r.settled()).isEqualTo(Settled.NOTHING));
    }
}
