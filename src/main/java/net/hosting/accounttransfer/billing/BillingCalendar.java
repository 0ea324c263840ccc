package net.hosting.accounttransfer.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** Turns instants into the billing dates of the provider's billing time zone (PRODUCT.md B2). */
public final class BillingCalendar {

    private final ZoneId zone;
    private final Clock clock;

    public BillingCalendar(ZoneId zone, Clock clock) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Today in the billing zone, whatever zone the clock itself was given. */
    public LocalDate today() {
        return dateOf(clock.instant());
    }

    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The first instant of {@code date}: local midnight, or the end of the gap in a zone whose clocks skip midnight. */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }
}
