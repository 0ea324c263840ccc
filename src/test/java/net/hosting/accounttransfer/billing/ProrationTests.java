package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ProrationTests {

    private static String refund(String paid, String start, String end, String acceptedOn) {
        return Proration.refund(Money.euros(paid), period(start, end), LocalDate.parse(acceptedOn)).amount().toPlainString();
    }

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(LocalDate.parse(start), LocalDate.parse(end));
    }

    @Test
    void refundsFifteenOfThirtyOneDaysOfAMonthlyPrice() {
        // 9.99 × 15/31 = 4.83387… → 4.83
        assertThat(refund("9.99", "2026-01-01", "2026-02-01", "2026-01-17")).isEqualTo("4.83");
    }

    @Test
    void roundsAnExactHalfCentUp() {
        // 9.99 × 15/30 = 4.995 → 5.00
        assertThat(refund("9.99", "2026-04-01", "2026-05-01", "2026-04-16")).isEqualTo("5.00");
    }

    @Test
    void countsTheLeapDayOfAYearlyPeriod() {
        // 119.88 × 93/366 = 30.46131… → 30.46
        assertThat(refund("119.88", "2027-06-01", "2028-06-01", "2028-02-29")).isEqualTo("30.46");
    }

    @Test
    void refundsAYearlyPriceInFullOnItsFirstDay() {
        // 119.88 × 365/365 = 119.88
        assertThat(refund("119.88", "2026-03-01", "2027-03-01", "2026-03-01")).isEqualTo("119.88");
    }

    @Test
    void anchorOnThe31stRenewsInMarchAfterAShortFebruaryPeriod() {
        // anchor 31 Jan 2027, period [28 Feb, 31 Mar) = 31 days; 15 Mar → 31 Mar = 16 days
        // 9.99 × 16/31 = 5.15612… → 5.16
        assertThat(refund("9.99", "2027-02-28", "2027-03-31", "2027-03-15")).isEqualTo("5.16");
    }

    @Test
    void anchorOnThe31stRenewsOnTheLeapDay() {
        // anchor 31 Jan 2028, period [31 Jan, 29 Feb) = 29 days; 27 Feb → 29 Feb = 2 days
        // 9.99 × 2/29 = 0.68896… → 0.69
        assertThat(refund("9.99", "2028-01-31", "2028-02-29", "2028-02-27")).isEqualTo("0.69");
    }

    @Test
    void anchorOnThe31stHasAThirtyDayPeriodInApril() {
        // anchor 31 Jan 2027, period [31 Mar, 30 Apr) = 30 days; 15 Apr → 30 Apr = 15 days
        // 9.99 × 15/30 = 4.995 → 5.00
        assertThat(refund("9.99", "2027-03-31", "2027-04-30", "2027-04-15")).isEqualTo("5.00");
    }

    @Test
    void anchorOnThe30thInACommonYearHasATwentyNineDayPeriod() {
        // anchor 30 Jan 2027, period [30 Jan, 28 Feb) = 2 + 27 = 29 days; 1 Feb → 28 Feb = 27 days
        // 9.99 × 27/29 = 9.30103… → 9.30
        assertThat(refund("9.99", "2027-01-30", "2027-02-28", "2027-02-01")).isEqualTo("9.30");
    }

    @Test
    void anchorOnThe30thInALeapYearHasAThirtyDayPeriod() {
        // anchor 30 Jan 2028, period [30 Jan, 29 Feb) = 2 + 28 = 30 days; 1 Feb → 29 Feb = 28 days
        // 9.99 × 28/30 = 9.324 → 9.32
        assertThat(refund("9.99", "2028-01-30", "2028-02-29", "2028-02-01")).isEqualTo("9.32");
    }

    @Test
    void anchorOnThe29thInACommonYearRenewsOnThe28th() {
        // anchor 29 Jan 2027, period [29 Jan, 28 Feb) = 3 + 27 = 30 days; 27 Feb → 28 Feb = 1 day
        // 9.99 × 1/30 = 0.333 → 0.33
        assertThat(refund("9.99", "2027-01-29", "2027-02-28", "2027-02-27")).isEqualTo("0.33");
    }

    @Test
    void anchorOnThe29thInALeapYearRenewsOnTheLeapDay() {
        // anchor 29 Jan 2028, period [29 Feb, 29 Mar) = 1 + 28 = 29 days; 1 Mar → 29 Mar = 28 days
        // 9.99 × 28/29 = 9.64551… → 9.65
        assertThat(refund("9.99", "2028-02-29", "2028-03-29", "2028-03-01")).isEqualTo("9.65");
    }

    @Test
    void dividesByTwentyNineDaysInALeapYear() {
        // [1 Feb 2028, 1 Mar 2028) = 29 days; 28 Feb → 1 Mar = 2 days
        // 9.99 × 2/29 = 0.68896… → 0.69
        assertThat(refund("9.99", "2028-02-01", "2028-03-01", "2028-02-28")).isEqualTo("0.69");
    }

    @Test
    void dividesByTwentyEightDaysInACommonYear() {
        // [1 Feb 2027, 1 Mar 2027) = 28 days; 27 Feb → 1 Mar = 2 days
        // 9.99 × 2/28 = 0.71357… → 0.71
        assertThat(refund("9.99", "2027-02-01", "2027-03-01", "2027-02-27")).isEqualTo("0.71");
    }

    @Test
    void dividesByThreeHundredSixtySixDaysAcrossTheLeapDay() {
        // [15 Jan 2028, 15 Jan 2029) = 366 days; 1 Mar 2028 → 15 Jan 2029 = 306 + 14 = 320 days
        // 119.88 × 320/366 = 104.81311… → 104.81
        assertThat(refund("119.88", "2028-01-15", "2029-01-15", "2028-03-01")).isEqualTo("104.81");
    }

    @Test
    void anchorOnTheLeapDayGivesAThreeHundredSixtyFiveDayPeriod() {
        // anchor 29 Feb 2028, period [29 Feb 2028, 28 Feb 2029) = 365 days; 1 Mar 2028 → 28 Feb 2029 = 364 days
        // 119.88 × 364/365 = 119.55156… → 119.55
        assertThat(refund("119.88", "2028-02-29", "2029-02-28", "2028-03-01")).isEqualTo("119.55");
    }

    @Test
    void refundsOneDayOfALeapYearOnItsLastDay() {
        // [1 Jun 2027, 1 Jun 2028) = 366 days; 31 May → 1 Jun = 1 day
        // 119.88 × 1/366 = 0.32754… → 0.33
        assertThat(refund("119.88", "2027-06-01", "2028-06-01", "2028-05-31")).isEqualTo("0.33");
    }

    @Test
    void refundsTheAcceptanceDayToTheSender() {
        // [1 Apr, 1 May) = 30 days; accepted on 30 Apr, the last day, which the recipient pays for
        // 9.99 × 1/30 = 0.333 → 0.33
        assertThat(refund("9.99", "2026-04-01", "2026-05-01", "2026-04-30")).isEqualTo("0.33");
    }

    @Test
    void refundsOneDayOfAThirtyOneDayMonthOnItsLastDay() {
        // anchor 31 Jan 2027, period [30 Apr, 31 May) = 31 days; 30 May → 31 May = 1 day
        // 9.99 × 1/31 = 0.32225… → 0.32
        assertThat(refund("9.99", "2027-04-30", "2027-05-31", "2027-05-30")).isEqualTo("0.32");
    }

    @Test
    void refundsEverythingPaidOnTheFirstDay() {
        // [29 Feb, 29 Mar 2028) = 29 days; 9.99 × 29/29 = 9.99
        assertThat(refund("9.99", "2028-02-29", "2028-03-29", "2028-02-29")).isEqualTo("9.99");
    }

    @Test
    void prorataOnlyWhatRemainsAfterEarlierCredit() {
        Money paid = Money.euros("9.99").minus(Money.euros("2.00"));

        // 7.99 × 15/31 = 3.86612… → 3.87
        assertThat(Proration.refund(paid, period("2026-01-01", "2026-02-01"), LocalDate.parse("2026-01-17")))
                .isEqualTo(Money.euros("3.87"));
    }

    @Test
    void roundsOnceAtTheEndRatherThanPerDay() {
        // [1 Jan, 1 Feb) = 31 days; 12 Jan → 1 Feb = 20 days
        // once: 4.99 × 20/31 = 3.21935… → 3.22; per day it would be 4.99/31 = 0.16 (rounded) × 20 = 3.20
        assertThat(refund("4.99", "2026-01-01", "2026-02-01", "2026-01-12")).isEqualTo("3.22");
    }

    @Test
    void roundsHalfUpNotHalfEven() {
        // 0.05 × 15/30 = 0.025 → 0.03 (half-even would give 0.02)
        assertThat(refund("0.05", "2026-04-01", "2026-05-01", "2026-04-16")).isEqualTo("0.03");
    }

    @Test
    void roundsToTheScaleOfTheCurrency() {
        // 1000 JPY × 15/31 = 483.87… → 484 (yen has no fraction digits)
        assertThat(Proration.refund(Money.of("1000", "JPY"), period("2026-01-01", "2026-02-01"), LocalDate.parse("2026-01-17")))
                .isEqualTo(Money.of("484", "JPY"));
    }

    @Test
    void neverRefundsMoreThanWasPaidEvenWhenRoundingUp() {
        // 0.01 × 30/31 = 0.00967… → 0.01, exactly what was paid and no more
        assertThat(refund("0.01", "2026-01-01", "2026-02-01", "2026-01-02")).isEqualTo("0.01");
    }

    @Test
    void refundsNothingWhenOneDayIsWorthLessThanHalfACent() {
        // 0.01 × 1/31 = 0.00032… → 0.00
        assertThat(refund("0.01", "2026-01-01", "2026-02-01", "2026-01-31")).isEqualTo("0.00");
    }

    @Test
    void refundsNothingWhenNothingIsLeftAfterCredit() {
        Money paid = Money.euros("9.99").minus(Money.euros("9.99"));

        assertThat(Proration.refund(paid, period("2026-01-01", "2026-02-01"), LocalDate.parse("2026-01-17")))
                .isEqualTo(Money.euros("0.00"));
    }

    @Test
    void neverRefundsANegativeAmountWhenMoreWasCreditedThanPaid() {
        Money paid = Money.euros("9.99").minus(Money.euros("10.99"));

        assertThat(Proration.refund(paid, period("2026-01-01", "2026-02-01"), LocalDate.parse("2026-01-17")))
                .isEqualTo(Money.euros("0.00"));
    }

    @Test
    void refundsNothingOnTheRenewalDateOrLater() {
        assertThat(refund("9.99", "2026-01-01", "2026-02-01", "2026-02-01")).isEqualTo("0.00");
        assertThat(refund("9.99", "2026-01-01", "2026-02-01", "2026-03-15")).isEqualTo("0.00");
    }

    @Test
    void rejectsAnAcceptanceBeforeThePeriodStarts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund("9.99", "2026-01-01", "2026-02-01", "2025-12-31"));
    }
}
