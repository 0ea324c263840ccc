package net.hosting.accounttransfer.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code billing.*}: the provider's billing rules.
 *
 * @param zone time zone whose calendar dates bound every billing period (PRODUCT.md B2)
 * @param seller who issues every document (PRODUCT.md V6)
 * @param vat the standard VAT rates of the member states (PRODUCT.md V2)
 * @param metricsMaxAge how long the charged and refunded totals are kept before the ledger is summed again
 */
@ConfigurationProperties("billing")
public record BillingProperties(@DefaultValue("Europe/Paris") ZoneId zone, @DefaultValue Seller seller,
        @DefaultValue Vat vat, @DefaultValue("PT10S") Duration metricsMaxAge) {

    /**
     * {@code billing.seller.*}: the seller's identity, printed on every document (PRODUCT.md V6).
     *
     * @param country ISO 3166-1 alpha-2; decides which buyers are domestic (PRODUCT.md V2)
     * @param shareCapital as printed, e.g. "10 000 €"
     * @param rcs the trade register entry, e.g. "RCS Paris 123 456 782"
     */
    public record Seller(String name, String legalForm, String shareCapital, String address,
            @DefaultValue("FR") String country, String siren, String rcs, String vatNumber) {
    }

    /**
     * {@code billing.vat.*}.
     *
     * @param rates the standard rate of each member state in percent, keyed by ISO 3166-1 alpha-2 ("FR" → 20)
     */
    public record Vat(Map<String, BigDecimal> rates) {

        public Vat {
            rates = rates == null ? Map.of() : Map.copyOf(rates);
        }
    }
}
