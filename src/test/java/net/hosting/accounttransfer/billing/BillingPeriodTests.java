package net.hosting.accounttransfer.billing;

import static net.hosting.accounttransfer.billing.BillingCycle.MONTHLY;
import static net.hosting.accounttransfer.billing.BillingCycle.YEARLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingPeriodTests {

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(date(start), date(end));
    }

    @Test
    void renewalsOfA31JanuaryAnchorFollowTheMonthEndsWithoutDrifting() {
        LocalDate anchor = date("2027-01-31");

        assertThat(MONTHLY.renewal(anchor, 0)).isEqualTo("2027-01-31");
        assertThat(MONTHLY.renewal(anchor, 1)).isEqualTo("2027-02-28");
        assertThat(MONTHLY.renewal(anchor, 2)).isEqualTo("2027-03-31");
        assertThat(MONTHLY.renewal(anchor, 3)).isEqualTo("2027-04-30");
        assertThat(MONTHLY.renewal(anchor, 4)).isEqualTo("2027-05-31");
        assertThat(MONTHLY.renewal(anchor, 13)).isEqualTo("2028-02-29");
    }

    @Test
    void periodsOfA31JanuaryAnchorAreCountedFromTheAnchorNotChained() {
        LocalDate anchor = date("2028-01-31");

        BillingPeriod first = BillingPeriod.first(anchor, MONTHLY);
        BillingPeriod second = first.next(anchor, MONTHLY);
        BillingPeriod third = second.next(anchor, MONTHLY);
        BillingPeriod fourth = third.next(anchor, MONTHLY);

        assertThat(first).isEqualTo(period("2028-01-31", "2028-02-29"));
        assertThat(second).isEqualTo(period("2028-02-29", "2028-03-31"));
        assertThat(third).isEqualTo(period("2028-03-31", "2028-04-30"));
        assertThat(fourth).isEqualTo(period("2028-04-30", "2028-05-31"));
    }

    @Test
    void aFebruaryRenewalOfA31JanuaryAnchorIsFollowedBy31March() {
        assertThat(period("2027-01-31", "2027-02-28").next(date("2027-01-31"), MONTHLY))
                .isEqualTo(period("2027-02-28", "2027-03-31"));
    }

    @Test
    void containingFindsThePeriodThatStartsOnARenewalDate() {
        LocalDate anchor = date("2027-01-31");

        assertThat(BillingPeriod.containing(anchor, MONTHLY, date("2027-01-31"))).isEqualTo(period("2027-01-31", "2027-02-28"));
        assertThat(BillingPeriod.containing(anchor, MONTHLY, date("2027-02-27"))).isEqualTo(period("2027-01-31", "2027-02-28"));
        assertThat(BillingPeriod.containing(anchor, MONTHLY, date("2027-02-28"))).isEqualTo(period("2027-02-28", "2027-03-31"));
        assertThat(BillingPeriod.containing(anchor, MONTHLY, date("2027-03-30"))).isEqualTo(period("2027-02-28", "2027-03-31"));
        assertThat(BillingPeriod.containing(anchor, MONTHLY, date("2027-04-30"))).isEqualTo(period("2027-04-30", "2027-05-31"));
    }

    @Test
    void containingCountsManyRenewalsFromTheAnchor() {
        assertThat(BillingPeriod.containing(date("2027-01-31"), MONTHLY, date("2030-06-15")))
                .isEqualTo(period("2030-05-31", "2030-06-30"));
        assertThat(BillingPeriod.containing(date("2026-03-10"), YEARLY, date("2031-03-09")))
                .isEqualTo(period("2030-03-10", "2031-03-10"));
    }

    @Test
    void containingRejectsADateBeforeTheAnchor() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BillingPeriod.containing(date("2027-01-31"), MONTHLY, date("2027-01-30")));
    }

    @Test
    void yearlyPeriodsAnchoredOnTheLeapDayEndOn28FebruaryUntilTheNextLeapYear() {
        LocalDate anchor = date("2028-02-29");

        BillingPeriod period = BillingPeriod.first(anchor, YEARLY);
        assertThat(period).isEqualTo(period("2028-02-29", "2029-02-28"));
        period = period.next(anchor, YEARLY);
        assertThat(period).isEqualTo(period("2029-02-28", "2030-02-28"));
        period = period.next(anchor, YEARLY).next(anchor, YEARLY);
        assertThat(period).isEqualTo(period("2031-02-28", "2032-02-29"));
        assertThat(period.next(anchor, YEARLY)).isEqualTo(period("2032-02-29", "2033-02-28"));
    }

    @Test
    void containingFindsTheYearlyPeriodOfALeapDayAnchor() {
        LocalDate anchor = date("2028-02-29");

        assertThat(BillingPeriod.containing(anchor, YEARLY, date("2029-02-27"))).isEqualTo(period("2028-02-29", "2029-02-28"));
        assertThat(BillingPeriod.containing(anchor, YEARLY, date("2029-02-28"))).isEqualTo(period("2029-02-28", "2030-02-28"));
        assertThat(BillingPeriod.containing(anchor, YEARLY, date("2032-02-29"))).isEqualTo(period("2032-02-29", "2033-02-28"));
    }

    @Test
    void aPeriodThatBeganMidCycleRenewsOnTheAnchorsNextRenewal() {
        // billed at renewal, the recipient keeps [d, end) of the sender's anchor
        assertThat(period("2027-03-15", "2027-03-31").next(date("2027-01-31"), MONTHLY))
                .isEqualTo(period("2027-03-31", "2027-04-30"));
    }

    @Test
    void nextRejectsAPeriodThatDoesNotEndOnARenewalDate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> period("2027-02-01", "2027-03-01").next(date("2027-01-31"), MONTHLY));
    }

    @Test
    void countsCalendarDays() {
        assertThat(period("2027-02-01", "2027-03-01").days()).isEqualTo(28);
        assertThat(period("2028-02-01", "2028-03-01").days()).isEqualTo(29);
        assertThat(period("2027-06-01", "2028-06-01").days()).isEqualTo(366);
        assertThat(period("2028-06-01", "2029-06-01").days()).isEqualTo(365);
    }

    @Test
    void containsItsStartButNotItsEnd() {
        BillingPeriod period = period("2026-01-01", "2026-02-01");

        assertThat(period.contains(date("2025-12-31"))).isFalse();
        assertThat(period.contains(date("2026-01-01"))).isTrue();
        assertThat(period.contains(date("2026-01-31"))).isTrue();
        assertThat(period.contains(date("2026-02-01"))).isFalse();
    }

    @Test
    void rejectsAPeriodThatDoesNotStartBeforeItEnds() {
        assertThatIllegalArgumentException().isThrownBy(() -> period("2026-01-01", "2026-01-01"));
        assertThatIllegalArgumentException().isThrownBy(() -> period("2026-01-02", "2026-01-01"));
    }

    @Test
    void rejectsARenewalBeforeTheAnchor() {
        assertThatIllegalArgumentException().isThrownBy(() -> MONTHLY.renewal(date("2027-01-31"), -1));
    }
}
