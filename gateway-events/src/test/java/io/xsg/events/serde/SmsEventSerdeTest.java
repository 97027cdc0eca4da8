package io.xsg.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.sms.SmsDeliveryReport;
import io.xsg.events.v1.sms.SmsMoPart;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import io.xsg.events.v1.sms.SmsSubmitResult;
import io.xsg.events.v1.sms.SmscEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsEventSerdeTest {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void submitRequestRoundTrips() {
        var serde = EventSerdes.smsSubmit();
        var request = new SmsSubmitRequest("s1", "link-1", SmsSource.shortCode("123"), "+1234555666", "hi €",
                null, true, T.plusSeconds(60), T, "stanza-1", "joe@a.test/laptop");
        assertThat(serde.deserialize("t", serde.serialize("t", request))).isEqualTo(request);
        assertThat(request.expiredAt(T.plusSeconds(60))).isTrue();
        assertThat(request.expiredAt(T.plusSeconds(59))).isFalse();
    }

    @Test
    void eachSmscEventKindComesBackAsItself() {
        var serde = EventSerdes.smscEvent();
        List<SmscEvent> events = List.of(
                new SmsSubmitResult("s1", "l", "+1", SmsSubmitResult.Outcome.ACCEPTED, List.of("10", "11"), 2,
                        null, null, T, "c", "r"),
                new SmsDeliveryReport("l", "10", "+1", "DELIVERED", true, "000", T, T),
                new SmsMobileOriginated("m1", "l", "+1", "123", "LOGIN", 1, true, List.of(), T));
        for (SmscEvent event : events) {
            byte[] json = serde.serialize("t", event);
            assertThat(serde.deserialize("t", json)).isEqualTo(event);
        }
        assertThat(new String(serde.serialize("t", events.get(1)), StandardCharsets.UTF_8))
                .contains("\"type\":\"delivery-report\"");
    }

    @Test
    void moPartKeepsItsBytes() {
        var serde = EventSerdes.smsMoPart();
        var part = new SmsMoPart("l", "+1", "123", 8, new byte[] {0, (byte) 0xD8, 0x3D}, 7, 2, 1, false, T);
        var back = serde.deserialize("t", serde.serialize("t", part));
        assertThat(back.userData()).containsExactly(0, 0xD8, 0x3D);
        assertThat(back.sequence()).isEqualTo(1);
    }
}
