package net.hosting.accounttransfer.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.throttle.*}: how many failed guesses a client address (and an email from that address) may make in
 * a window before it gets 429 (PRODUCT.md S3).
 *
 * @param budget failures allowed per window; the next attempt is refused until the window ends
 * @param window how long failures are remembered, counted from the first one
 */
@ConfigurationProperties("app.throttle")
public record ThrottleProperties(
        @DefaultValue("10") int budget,
        @DefaultValue("PT15M") Duration window) {

    public ThrottleProperties {
        if (budget < 1) {
            throw new IllegalArgumentException("app.throttle.budget must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("app.throttle.window must be positive");
        }
    }
}
