package net.hosting.accounttransfer.common;

import java.time.Duration;
import java.util.Objects;

/** The caller is past a budget, e.g. offers per day (answered 429 with {@code Retry-After}). */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    /** How long until the budget has room again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up and at least one, as the header wants it. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
