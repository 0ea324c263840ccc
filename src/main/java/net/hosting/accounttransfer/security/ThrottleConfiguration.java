package net.hosting.accounttransfer.security;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the sign-in throttle in front of Spring Security and Camunda's own authentication filters, and the
 * canonical-path check in front of Camunda's apps.
 */
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

    // the servlet mapping matches the decoded path, so every spelling of these prefixes meets the check
    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalCamundaPaths() {
        FilterRegistrationBean<CanonicalPathFilter> registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setName("canonical-camunda-paths");
        registration.addUrlPatterns("/camunda/*", "/engine-rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 30);
        return registration;
    }
}
