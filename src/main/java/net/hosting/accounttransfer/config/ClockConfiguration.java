package net.hosting.accounttransfer.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time is an input: every service takes this clock, so tests can set it. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // PostgreSQL keeps microseconds: an instant answered at once must equal the one read back later
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
