package net.hosting.accounttransfer.config;

import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code app.connection-check-after-idle}: how long a pooled connection may rest before Hikari checks it (an empty
 * statement, one round trip, which PostgreSQL counts as a transaction) on its way out of the pool. Hikari's own 500 ms
 * checked about one connection per transfer under load: Tomcat hands requests to its threads in turn, so each
 * thread's connection rests about a second between two calls. Hikari reads this only from a system property, when
 * a pool is built, so it is set here, before any pool exists; a {@code -Dcom.zaxxer.hikari.aliveBypassWindowMs} on
 * the command line wins.
 *
 * <p>What it risks: after a database restart shorter than the window, a connection used in the window before it
 * fails at its next use instead of being replaced unused. Hikari then drops it; the request answers 503 with
 * Retry-After (DatabaseOutageFilter) and a step is retried by Camunda. A longer outage is checked as before.
 */
public class PooledConnectionCheck implements EnvironmentPostProcessor {

    static final String PROPERTY = "app.connection-check-after-idle";
    /** Hikari's own name for it (HikariPool reads it in its constructor). */
    static final String HIKARI_PROPERTY = "com.zaxxer.hikari.aliveBypassWindowMs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Duration window = environment.getProperty(PROPERTY, Duration.class);
        if (window == null || System.getProperty(HIKARI_PROPERTY) != null) {
            return;
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException(PROPERTY + " must not be negative: " + window);
        }
        System.setProperty(HIKARI_PROPERTY, Long.toString(window.toMillis()));
    }
}
