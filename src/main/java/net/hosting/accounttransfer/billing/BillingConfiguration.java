package net.hosting.accounttransfer.billing;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The billing calendar: the application's clock read in the zone of {@code billing.zone} (PRODUCT.md B2). */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    @Bean
    BillingCalendar billingCalendar(BillingProperties billing, Clock clock) {
        return new BillingCalendar(billing.zone(), clock);
    }
}
