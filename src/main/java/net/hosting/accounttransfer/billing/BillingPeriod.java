package net.hosting.accounttransfer.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A service period of calendar dates, {@code [start, end)}, where {@code end} is the renewal date. */
public record BillingPeriod(LocalDate start, LocalDate end) {

    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a period must start before it ends: [" + start + ", " + end + ")");
        }
    }

    /** The last day the period covers, for readers, who count days inclusively; {@code end} is for code. */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    public static BillingPeriod first(LocalDate anchor, BillingCycle cycle) {
        return new BillingPeriod(anchor, cycle.renewal(anchor, 1));
    }

    /** The anchor-counted period {@code [renewal(n), renewal(n + 1))} that holds {@code date}. */
    public static BillingPeriod containing(LocalDate anchor, BillingCycle cycle, LocalDate date) {
        if (date.isBefore(anchor)) {
            throw new IllegalArgumentException(date + " is before the anchor " + anchor);
        }
        // Whole months or years between the dates never overshoot, but fall one short when the anchor's day
        // does not exist in the date's month (31 January to 28 February is 0 months, yet 28 February is a renewal).
        long n = switch (cycle) {
            case MONTHLY -> ChronoUnit.MONTHS.between(anchor, date);
            case YEARLY -> ChronoUnit.YEARS.between(anchor, date);
        };
        while (!cycle.renewal(anchor, n + 1).isAfter(date)) {
            n++;
        }
        return new BillingPeriod(cycle.renewal(anchor, n), cycle.renewal(anchor, n + 1));
    }

    /**
     * The anchor-counted period that follows this one. Only {@code end} has to be a renewal date, so a period
     * that began mid-cycle (a transfer billed at renewal keeps {@code [d, end)}) renews like any other.
     */
    public BillingPeriod next(LocalDate anchor, BillingCycle cycle) {
        BillingPeriod next = containing(anchor, cycle, end);
        if (!next.start.equals(end)) {
            throw new IllegalArgumentException(this + " does not end on a renewal date of the anchor " + anchor);
        }
        return next;
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }
}
