package net.hosting.accounttransfer.billing;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code billing.*}: the provider's billing rules.
 *
 * @param zone time zone whose calendar dates bound every billing period (PRODUCT.md B2)
 * @param metricsMaxAge how long the charged and refunded totals are kept before the ledger is summed again
 */
@ConfigurationProperties("billing")
public record BillingProperties(
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("PT10S") Duration metricsMaxAge) {
}
