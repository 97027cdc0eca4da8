package io.xsg.session.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSubmitResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsActivityTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static SmsSubmitResult accepted(String id, String handset, String... messageIds) {
        return new SmsSubmitResult(id, "smsc-1", handset, SmsSubmitResult.Outcome.ACCEPTED, List.of(messageIds),
                messageIds.length, null, null, T, "c", "joe@a.test/x");
    }

    private static SmsDeliveryReport receipt(String messageId, String state) {
        return new SmsDeliveryReport("smsc-1", messageId, "+14155550001", state, true, "000", T, T.plusSeconds(1));
    }

    @Test
    void aLongMessageIsDeliveredWhenEveryPartIs() {
        var activity = new SmsActivity(10);
        activity.apply(accepted("s1", "+14155550001", "m1", "m2"));
        activity.apply(receipt("m1", "DELIVERED"));
        assertThat(activity.recent().get(0).status()).isEqualTo("DELIVERED 1/2");
        activity.apply(receipt("m2", "DELIVERED"));
        assertThat(activity.recent()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo("DELIVERED");
            assertThat(e.segmentsDelivered()).isEqualTo(2);
            assertThat(e.direction()).isEqualTo("MT");
        });
    }

    @Test
    void aFailureShowsItsStateAndErrorAndMoKeepsNoText() {
        var activity = new SmsActivity(10);
        activity.apply(accepted("s1", "+14155550001", "m1"));
        activity.apply(new SmsDeliveryReport("smsc-1", "m1", "+14155550001", "UNDELIVERABLE", true, "001", T, T));
        activity.apply(new SmsMobileOriginated("mo1", "smsc-1", "+14155550001", "123", "secret text", 1, true,
                List.of(), T));
        var recent = activity.recent();
        assertThat(recent.get(0).direction()).isEqualTo("MO");
        assertThat(recent.get(0).toString()).doesNotContain("secret text");
        assertThat(recent.get(1).status()).isEqualTo("UNDELIVERABLE");
        assertThat(recent.get(1).detail()).isEqualTo("error 001");
    }

    @Test
    void theOldestGoesAndAReceiptForAForgottenSubmitStandsAlone() {
        var activity = new SmsActivity(2);
        activity.apply(accepted("s1", "+14155550001", "m1"));
        activity.apply(accepted("s2", "+14155550002", "m2"));
        activity.apply(accepted("s3", "+14155550003", "m3"));
        assertThat(activity.recent()).extracting(SmsActivity.Entry::id).containsExactly("s3", "s2");
        activity.apply(receipt("m1", "DELIVERED"));
        assertThat(activity.recent()).extracting(SmsActivity.Entry::id).containsExactly("receipt:m1", "s3");
    }
}
