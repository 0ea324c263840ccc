package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.time.api.Dates;

class ProrationProperties {

    private static final Currency EUR = Currency.getInstance("EUR");

    /** The {@code renewals}-th period of a subscription anchored on {@code anchor}, sold for {@code paid}. */
    record Sale(LocalDate anchor, BillingCycle cycle, int renewals, Money paid) {

        BillingPeriod period() {
            return new BillingPeriod(cycle.renewal(anchor, renewals), cycle.renewal(anchor, renewals + 1L));
        }

        List<LocalDate> acceptanceDays() {
            return period().start().datesUntil(period().end()).toList();
        }
    }

    @Provide
    Arbitrary<Sale> sales() {
        var anyDate = Dates.dates().between(LocalDate.of(2020, 1, 1), LocalDate.of(2040, 12, 31));
        // Anchors on the 28th to the 31st are where month arithmetic goes wrong, so they get half the tries.
        var anchors = Arbitraries.oneOf(anyDate, anyDate.dayOfMonthBetween(28, 31));
        var prices = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("9999.99"))
                .ofScale(2)
                .map(amount -> new Money(amount, EUR));
        return Combinators.combine(anchors, Arbitraries.of(BillingCycle.class), Arbitraries.integers().between(0, 24), prices)
                .as(Sale::new);
    }

    @Property(tries = 500)
    void refundIsNeverNegativeNorMoreThanWasPaid(@ForAll("sales") Sale sale) {
        for (LocalDate acceptedOn : sale.acceptanceDays()) {
            Money refund = Proration.refund(sale.paid(), sale.period(), acceptedOn);

            assertThat(refund.isNegative()).as("refund %s on %s", refund, acceptedOn).isFalse();
            assertThat(refund.isGreaterThan(sale.paid())).as("refund %s on %s", refund, acceptedOn).isFalse();
        }
    }

    @Property(tries = 500)
    void acceptingOnTheFirstDayRefundsEverythingPaid(@ForAll("sales") Sale sale) {
        assertThat(Proration.refund(sale.paid(), sale.period(), sale.period().start())).isEqualTo(sale.paid());
    }

    @Property(tries = 500)
    void refundNeverGrowsAsAcceptanceMovesLater(@ForAll("sales") Sale sale) {
        Money previous = sale.paid();
        for (LocalDate acceptedOn : sale.acceptanceDays()) {
            Money refund = Proration.refund(sale.paid(), sale.period(), acceptedOn);

            assertThat(refund.isGreaterThan(previous)).as("refund %s on %s after %s", refund, acceptedOn, previous).isFalse();
            previous = refund;
        }
        assertThat(Proration.refund(sale.paid(), sale.period(), sale.period().end()).isZero()).isTrue();
    }

    @Property(tries = 500)
    void eachDayIsPaidByExactlyOnePartyAndTheSenderKeepsWhatItsDaysAreWorth(@ForAll("sales") Sale sale) {
        BillingPeriod period = sale.period();
        for (LocalDate acceptedOn : sale.acceptanceDays()) {
            // what the code decides: the recipient's first period, and how many days Proration gives back (at
            // one euro a day, a refund counts its days)
            BillingPeriod recipients = BillingPeriod.first(acceptedOn, sale.cycle());
            Money euroADay = new Money(BigDecimal.valueOf(period.days()).setScale(2), EUR);
            long refundedDays = Proration.refund(euroADay, period, acceptedOn).amount().longValueExact();
            LocalDate senderPaidUntil = period.end().minusDays(refundedDays);
            // the expectation, from the product's rule alone: the sender keeps the days before acceptance, the
            // recipient pays one whole cycle from the acceptance day, and nothing else is paid
            LocalDate coveredUntil = switch (sale.cycle()) {
                case MONTHLY -> acceptedOn.plusMonths(1);
                case YEARLY -> acceptedOn.plusYears(1);
            };
            LocalDate last = recipients.end().isAfter(coveredUntil) ? recipients.end() : coveredUntil;

            for (LocalDate day = period.start().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
                boolean senderKeeps = !day.isBefore(period.start()) && day.isBefore(senderPaidUntil);
                boolean recipientPays = recipients.contains(day);
                int payers = (senderKeeps ? 1 : 0) + (recipientPays ? 1 : 0);
                boolean covered = !day.isBefore(period.start()) && day.isBefore(coveredUntil);

                assertThat(payers).as("payers of %s when accepted on %s", day, acceptedOn).isEqualTo(covered ? 1 : 0);
            }

            Money retained = sale.paid().minus(Proration.refund(sale.paid(), period, acceptedOn));
            BigDecimal keptDays = BigDecimal.valueOf(ChronoUnit.DAYS.between(period.start(), acceptedOn));
            BigDecimal worth = sale.paid().amount().multiply(keptDays);
            BigDecimal total = BigDecimal.valueOf(period.days());

            assertThat(retained.amount())
                    .as("kept by the sender when accepted on %s", acceptedOn)
                    .isBetween(worth.divide(total, 2, RoundingMode.FLOOR), worth.divide(total, 2, RoundingMode.CEILING));
        }
    }
}
