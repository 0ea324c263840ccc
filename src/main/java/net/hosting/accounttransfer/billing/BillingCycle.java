package net.hosting.accounttransfer.billing;

import java.time.LocalDate;

/** How often a subscription renews. */
public enum BillingCycle {
    MONTHLY,
    YEARLY;

    /**
     * The n-th renewal date, always counted from the anchor and never from the previous renewal, so that a
     * 31 January anchor renews on 28 or 29 February, then 31 March, then 30 April (PRODUCT.md B3).
     */
    public LocalDate renewal(LocalDate anchor, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("renewals are counted from the anchor " + anchor + ", not before it: " + n);
        }
        return switch (this) {
            case MONTHLY -> anchor.plusMonths(n);
            case YEARLY -> anchor.plusYears(n);
        };
    }
}
