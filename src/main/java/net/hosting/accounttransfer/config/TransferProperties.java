package net.hosting.accounttransfer.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code transfer.*}: how long an offer stands and how the process retries.
 *
 * @param expiry how long a pending transfer waits for the recipient (PRODUCT.md T7)
 * @param reminderBefore how long before expiry the recipient is reminded
 * @param retryCycle Camunda retry cycle of every mail and billing step, e.g. {@code R5/PT5M}
 */
@ConfigurationProperties("transfer")
public record TransferProperties(
        @DefaultValue("P14D") Duration expiry,
        @DefaultValue("P3D") Duration reminderBefore,
        @DefaultValue("R5/PT5M") String retryCycle) {

    public TransferProperties {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("transfer.expiry must be positive");
        }
        if (reminderBefore.isNegative() || reminderBefore.compareTo(expiry) >= 0) {
            throw new IllegalArgumentException("transfer.reminder-before must be shorter than transfer.expiry");
        }
    }
}
