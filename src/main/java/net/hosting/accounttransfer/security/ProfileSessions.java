package net.hosting.accounttransfer.security;

import java.util.Map;
import net.hosting.accounttransfer.profile.PasswordChanged;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The page sessions of each profile, in Spring Session's JDBC store, indexed by the profile's id rather than its
 * email, which may change while a session lives; a password change ends every one but the changer's (S10), on
 * whichever node it was opened.
 */
@Configuration(proxyBeanMethods = false)
class ProfileSessions {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> indexSessionsByProfile() {
        return sessions -> sessions.setIndexResolver(session -> {
            Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            if (context instanceof SecurityContext security && security.getAuthentication() != null
                    && security.getAuthentication().getPrincipal() instanceof SignedInProfile profile) {
                return Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                        profile.profileId().toString());
            }
            return Map.of();
        });
    }

    /**
     * The store the session filter uses: Boot's JDBC one, waiting once per request in an outage. Wrapped once it is
     * made, since a session repository bean of our own would make Boot leave the JDBC one out.
     */
    @Bean
    static BeanPostProcessor outageAwareSessions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository store ? new OutageAwareSessions(store) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<OutageAwareSessions.Scope> outageAwareSessionScope() {
        FilterRegistrationBean<OutageAwareSessions.Scope> registration =
                new FilterRegistrationBean<>(new OutageAwareSessions.Scope());
        registration.setName("outage-aware-session-scope");
        registration.addUrlPatterns("/*");
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    @Bean
    PasswordChangeEndsSessions passwordChangeEndsSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        return new PasswordChangeEndsSessions(sessions);
    }

    /** Ends the profile's other sessions, inside the change's transaction. */
    static final class PasswordChangeEndsSessions {

        private final FindByIndexNameSessionRepository<? extends Session> sessions;

        PasswordChangeEndsSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
            this.sessions = sessions;
        }

        @EventListener
        void passwordChanged(PasswordChanged change) {
            sessions.findByPrincipalName(change.profileId().toString()).keySet().stream()
                    .filter(id -> !id.equals(change.keepSessionId()))
                    .forEach(sessions::deleteById);
        }
    }
}
