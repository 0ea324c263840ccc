package net.hosting.accounttransfer.common;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per interval, so that a gauge a monitoring system scrapes every few seconds, from
 * every node, does not turn into a query per scrape. The interval is measured on the monotonic clock, not on the
 * business {@code Clock}, which tests may fix.
 */
public final class TimedCache<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private T value;
    private long readAt;

    public TimedCache(Supplier<T> read, Duration maxAge) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt >= maxAgeNanos) {
            value = read.get();
            readAt = now;
        }
        return value;
    }
}
