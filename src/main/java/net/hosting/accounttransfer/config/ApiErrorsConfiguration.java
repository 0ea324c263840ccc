package net.hosting.accounttransfer.config;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The API's body limit, Tomcat's own error report and the database outage answer, so that every answer under /api
 * is problem+json (S6).
 */
@Configuration(proxyBeanMethods = false)
class ApiErrorsConfiguration {

    /** Installed in place of Tomcat's default report, which the host would otherwise add when it starts. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReport() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
            host.getPipeline().addValve(new ApiErrorReportValve());
        });
    }

    // outside everything else, the throttle and Spring Security included: each of them may be what met the outage
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutage() {
        FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(new DatabaseOutageFilter());
        registration.setName("database-outage");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    // in front of sign-in, so that no oversized body is read for anyone
    @Bean
    FilterRegistrationBean<ApiBodyLimitFilter> apiBodyLimit() {
        FilterRegistrationBean<ApiBodyLimitFilter> registration = new FilterRegistrationBean<>(new ApiBodyLimitFilter());
        registration.setName("api-body-limit");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }
}
