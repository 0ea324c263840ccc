package net.hosting.accounttransfer.transfer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code transfer.*}: how long an offer stands and how many offers a sender may make. The process's retry cycle,
 * {@code transfer.retry-cycle}, is read by Camunda alone: application.yaml hands it to the engine.
 *
 * @param expiry how long a pending transfer waits for the recipient (PRODUCT.md T7)
 * @param reminderBefore how long before expiry the recipient is reminded
 * @param maxOffersPerDay how many transfers one sender may start in any 24 hours (PRODUCT.md S4), so that offers
 *        cannot be used to mail strangers in bulk
 * @param metricsMaxAge how long the transfer and incident gauges keep a count before they query again
 * @param migrateOlderVersions whether a starting node moves the running instances of older process versions onto
 *        the deployed one; off by default, so that staff choose when (after an upgrade, on one node), and each start
 *        logs how many instances wait on older versions
 */
@ConfigurationProperties("transfer")
public record TransferProperties(
        @DefaultValue("P14D") Duration expiry,
        @DefaultValue("P3D") Duration reminderBefore,
        @DefaultValue("20") int maxOffersPerDay,
        @DefaultValue("PT10S") Duration metricsMaxAge,
        @DefaultValue("false") boolean migrateOlderVersions) {

    public TransferProperties {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("transfer.expiry must be positive");
        }
        if (reminderBefore.isNegative() || reminderBefore.compareTo(expiry) >= 0) {
            throw new IllegalArgumentException("transfer.reminder-before must be shorter than transfer.expiry");
        }
        if (maxOffersPerDay < 1) {
            throw new IllegalArgumentException("transfer.max-offers-per-day must be at least 1");
        }
    }
}
