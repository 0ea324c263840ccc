package net.hosting.accounttransfer.billing;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code billing.*}: the provider's billing rules.
 *
 * @param zone time zone whose calendar dates bound every billing period (PRODUCT.md B2)
 */
@ConfigurationProperties("billing")
public record BillingProperties(@DefaultValue("Europe/Paris") ZoneId zone) {
}
