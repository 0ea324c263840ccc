package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.Dates;

class BillingPeriodProperties {

    @Provide
    Arbitrary<LocalDate> anchors() {
        var anyDate = Dates.dates().between(LocalDate.of(2020, 1, 1), LocalDate.of(2040, 12, 31));
        // Anchors on the 28th to the 31st are where month arithmetic goes wrong, so they get half the tries.
        return Arbitraries.oneOf(anyDate, anyDate.dayOfMonthBetween(28, 31));
    }

    @Property(tries = 1000)
    void containingIsTheAnchorCountedPeriodThatHoldsTheDate(
            @ForAll("anchors") LocalDate anchor, @ForAll BillingCycle cycle, @ForAll @IntRange(max = 3000) int daysLater) {
        LocalDate date = anchor.plusDays(daysLater);
        long n = 0;
        while (!cycle.renewal(anchor, n + 1).isAfter(date)) {
            n++;
        }

        BillingPeriod period = BillingPeriod.containing(anchor, cycle, date);

        assertThat(period).isEqualTo(new BillingPeriod(cycle.renewal(anchor, n), cycle.renewal(anchor, n + 1)));
        assertThat(period.contains(date)).isTrue();
    }

    @Property(tries = 500)
    void successivePeriodsFollowEachOtherWithoutGapOrOverlap(
            @ForAll("anchors") LocalDate anchor, @ForAll BillingCycle cycle, @ForAll @IntRange(min = 1, max = 60) int renewals) {
        BillingPeriod period = BillingPeriod.first(anchor, cycle);
        for (int n = 1; n <= renewals; n++) {
            BillingPeriod next = period.next(anchor, cycle);

            assertThat(next.start()).isEqualTo(period.end());
            assertThat(next.end()).isEqualTo(cycle.renewal(anchor, n + 1L));
            period = next;
        }
    }
}
