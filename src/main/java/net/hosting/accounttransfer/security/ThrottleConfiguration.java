package net.hosting.accounttransfer.security;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the sign-in throttle in front of Spring Security and Camunda's own authentication filters. */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

    @Bean
    FilterRegistrationBean<SignInThrottleFilter> signInThrottle(GuessingThrottle throttle) {
        FilterRegistrationBean<SignInThrottleFilter> registration =
                new FilterRegistrationBean<>(new SignInThrottleFilter(throttle));
        registration.setName("sign-in-throttle");
        registration.addUrlPatterns("/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
