package net.hosting.accounttransfer.billing;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The billing calendar, the application's clock read in the zone of {@code billing.zone} (PRODUCT.md B2), and the
 * VAT rules of {@code billing.seller.country} and {@code billing.vat.rates} (V2), which refuse to start without a
 * rate for every member state.
 */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    @Bean
    BillingCalendar billingCalendar(BillingProperties billing, Clock clock) {
        return new BillingCalendar(billing.zone(), clock);
    }

    @Bean
    VatRules vatRules(BillingProperties billing) {
        return new VatRules(billing.seller().country(), billing.vat().rates());
    }
}
