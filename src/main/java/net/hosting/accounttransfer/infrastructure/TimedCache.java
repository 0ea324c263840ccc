package net.hosting.accounttransfer.infrastructure;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read again only once it is older than its maximum age, so that a gauge scraped every few seconds from
 * every node is not a query per scrape; the age is measured on the monotonic clock, not on the business
 * {@code Clock}, which tests may fix, and a maximum age of zero reads on every call.
 */
public final class TimedCache<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private T value;
    private long readAt;

    public TimedCache(Supplier<T> read, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("a cache's maximum age cannot be negative: " + maxAge);
        }
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
