package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BillingCalendarTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static BillingCalendar parisAt(String instant) {
        return new BillingCalendar(PARIS, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void halfPastMidnightInParisIsAlreadyTheNextDateOnAnOrdinaryDay() {
        // 00:30 in winter (UTC+1) is 23:30 UTC the day before
        BillingCalendar calendar = parisAt("2026-01-14T23:30:00Z");

        assertThat(calendar.today()).isEqualTo("2026-01-15");
        assertThat(calendar.dateOf(calendar.now())).isEqualTo("2026-01-15");
    }

    @Test
    void halfPastMidnightInParisCountsOnTheSpringForwardDay() {
        // clocks jump at 02:00 on 29 March 2026, so 00:30 is still UTC+1
        assertThat(parisAt("2026-03-28T23:30:00Z").today()).isEqualTo("2026-03-29");
    }

    @Test
    void halfPastMidnightInParisCountsOnTheFallBackDay() {
        // clocks go back at 03:00 on 25 October 2026, so 00:30 is still UTC+2
        assertThat(parisAt("2026-10-24T22:30:00Z").today()).isEqualTo("2026-10-25");
    }

    @Test
    void theLastInstantBeforeLocalMidnightBelongsToThePreviousDate() {
        assertThat(parisAt("2026-10-24T21:59:59.999Z").today()).isEqualTo("2026-10-24");
    }

    @Test
    void startOfIsLocalMidnightAcrossTheSpringForwardChange() {
        BillingCalendar calendar = parisAt("2026-03-29T12:00:00Z");

        assertThat(calendar.startOf(LocalDate.parse("2026-03-29"))).isEqualTo("2026-03-28T23:00:00Z");
        assertThat(calendar.startOf(LocalDate.parse("2026-03-30"))).isEqualTo("2026-03-29T22:00:00Z");
        assertThat(Duration.between(calendar.startOf(LocalDate.parse("2026-03-29")), calendar.startOf(LocalDate.parse("2026-03-30"))))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void startOfIsLocalMidnightAcrossTheFallBackChange() {
        BillingCalendar calendar = parisAt("2026-10-25T12:00:00Z");

        assertThat(calendar.startOf(LocalDate.parse("2026-10-25"))).isEqualTo("2026-10-24T22:00:00Z");
        assertThat(calendar.startOf(LocalDate.parse("2026-10-26"))).isEqualTo("2026-10-25T23:00:00Z");
        assertThat(Duration.between(calendar.startOf(LocalDate.parse("2026-10-25")), calendar.startOf(LocalDate.parse("2026-10-26"))))
                .isEqualTo(Duration.ofHours(25));
    }

    @Test
    void startOfADayWhoseMidnightWasSkippedIsTheEndOfTheGap() {
        // São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018, so that day began at 01:00 (UTC-2)
        BillingCalendar calendar = new BillingCalendar(ZoneId.of("America/Sao_Paulo"), Clock.systemUTC());

        assertThat(calendar.startOf(LocalDate.parse("2018-11-04"))).isEqualTo("2018-11-04T03:00:00Z");
        assertThat(calendar.dateOf(calendar.startOf(LocalDate.parse("2018-11-04")))).isEqualTo("2018-11-04");
    }

    @Test
    void todayFollowsTheBillingZoneNotTheClocksZone() {
        // 16:00 UTC is already 16 January in Tokyo, but still 15 January in Paris
        Clock tokyoClock = Clock.fixed(Instant.parse("2026-01-15T16:00:00Z"), ZoneId.of("Asia/Tokyo"));

        assertThat(new BillingCalendar(PARIS, tokyoClock).today()).isEqualTo("2026-01-15");
    }
}
