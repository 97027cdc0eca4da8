package io.xsg.sms.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmppTimeTest {

    private static final Instant NOW = Instant.parse("2025-01-31T12:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2025-01-31T12:34:56.789+01:00, 250131123456704+",
        "2025-01-31T12:34:56.789-05:00, 250131123456720-",
        "2012-04-10T10:11:12.3+00:00,   120410101112300+",
        "2025-12-31T23:59:59.999+05:45, 251231235959923+",
        "2025-06-01T00:00:00+12:00,     250601000000048+",
        "2025-06-01T00:00:00-12:00,     250601000000048-",
    })
    void absolute(String time, String expected) {
        OffsetDateTime t = OffsetDateTime.parse(time);
        assertThat(SmppTime.absolute(t)).isEqualTo(expected);
        Instant back = SmppTime.parse(expected, NOW);
        assertThat(Duration.between(back, t.toInstant()).abs()).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void offsetsSmppCannotExpressBecomeUtc() {
        assertThat(SmppTime.absolute(OffsetDateTime.parse("2025-01-31T12:20:00+00:20"))).isEqualTo("250131120000000+");
        assertThat(SmppTime.absolute(OffsetDateTime.parse("2025-01-31T14:00:00+14:00"))).isEqualTo("250131000000000+");
    }

    @Test
    void yearsOutside2000To2099AreRejected() {
        assertThatThrownBy(() -> SmppTime.absolute(OffsetDateTime.parse("1999-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1999");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PT0S, 000000000000000R", "P2DT3H4M5S, 000002030405000R", "PT48H, 000002000000000R",
        "P400D, 010105000000000R", "PT1.9S, 000000000001000R", "P36500D, 990000000000000R",
    })
    void relative(Duration d, String expected) {
        assertThat(SmppTime.relative(d)).isEqualTo(expected);
    }

    @Test
    void relativeRoundTripsToTheSecond() {
        Duration d = Duration.ofDays(730 + 65).plusHours(7).plusMinutes(8).plusSeconds(9);
        String s = SmppTime.relative(d);
        assertThat(s).isEqualTo("020205070809000R");
        assertThat(SmppTime.parseRelative(s)).contains(d);
        assertThat(SmppTime.parse(s, NOW)).isEqualTo(NOW.plus(d));
    }

    @Test
    void relativeUses365DayYearsAnd30DayMonths() {
        assertThat(SmppTime.parseRelative("010100000000000R")).contains(Duration.ofDays(395));
        assertThat(SmppTime.relative(Duration.ofDays(364))).isEqualTo("001204000000000R");
    }

    @Test
    void negativeRelativeIsRejected() {
        assertThatThrownBy(() -> SmppTime.relative(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyMeansNotSet() {
        assertThat(SmppTime.parse(null, NOW)).isNull();
        assertThat(SmppTime.parse("", NOW)).isNull();
        assertThat(SmppTime.parseRelative("")).isEmpty();
        assertThat(SmppTime.parseRelative(null)).isEmpty();
    }

    @Test
    void parseRelativeIsEmptyForAnAbsoluteTime() {
        assertThat(SmppTime.parseRelative("250131123456704+")).isEmpty();
    }

    @Test
    void parsesTenthsAndOffsets() {
        assertThat(SmppTime.parse("250131123456704+", NOW)).isEqualTo(Instant.parse("2025-01-31T11:34:56.7Z"));
        assertThat(SmppTime.parse("250131123456020-", NOW)).isEqualTo(Instant.parse("2025-01-31T17:34:56Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2501311234567+", "250131123456704+X", "25013112345670A+", "250131123456704*", "251331123456704+",
        "250230123456704+", "250131243456704+", "250131123456749+", "000000240000000R", "000000006000000R",
        "2501311234567 4+",
    })
    void malformedIsRejectedNamingTheValue(String bad) {
        assertThatThrownBy(() -> SmppTime.parse(bad, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + bad + "'");
    }

    @Test
    void parseRelativeRejectsMalformedToo() {
        assertThatThrownBy(() -> SmppTime.parseRelative("12R")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absoluteRoundTripsThroughManyInstants() {
        OffsetDateTime t = OffsetDateTime.of(2030, 2, 28, 23, 59, 59, 900_000_000, ZoneOffset.ofHoursMinutes(-3, -30));
        for (int i = 0; i < 500; i++) {
            t = t.plusSeconds(86_461).plusNanos(100_000_000);
            assertThat(SmppTime.parse(SmppTime.absolute(t), NOW)).isEqualTo(t.toInstant());
        }
    }
}
