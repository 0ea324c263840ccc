package net.hosting.accounttransfer.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The one formula for prorated refunds (PRODUCT.md B4, B5), shared by billing and by the preview. */
public final class Proration {

    private Proration() {
    }

    /**
     * {@code round_half_up(paid × days(acceptedOn, end) / days(start, end))} at the currency's scale.
     * The acceptance day is refunded, because the recipient pays for it. Accepting on or after {@code end}
     * leaves nothing to refund; accepting before {@code start} means the caller has the wrong period, so it throws.
     *
     * @param paid what was invoiced for {@code period}, less any credit already issued against it
     */
    public static Money refund(Money paid, BillingPeriod period, LocalDate acceptedOn) {
        if (acceptedOn.isBefore(period.start())) {
            throw new IllegalArgumentException("accepted on " + acceptedOn + ", before the period " + period + " began");
        }
        if (!paid.isPositive() || !acceptedOn.isBefore(period.end())) {
            return Money.zero(paid.currency());
        }
        long remainingDays = ChronoUnit.DAYS.between(acceptedOn, period.end());
        // One rounding of the exact quotient: the product is exact, so no intermediate of 10 or more digits could be closer.
        BigDecimal refund = paid.amount()
                .multiply(BigDecimal.valueOf(remainingDays))
                .divide(BigDecimal.valueOf(period.days()), paid.currency().getDefaultFractionDigits(), RoundingMode.HALF_UP);
        // remainingDays <= period.days() and paid is already at scale, so rounding can never lift the refund above paid (B5).
        return new Money(refund, paid.currency());
    }
}
