package net.hosting.accounttransfer.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import net.hosting.accounttransfer.infrastructure.DatabaseOutage;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.profile.ApiTokens;
import net.hosting.accounttransfer.profile.ProfileSignIn;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Four doors: Camunda's staff apps keep their own sign-in and CSRF filter; the JSON API takes a personal API
 * token (Bearer) or HTTP Basic with a profile's email; operations endpoints take a staff user; customer pages take a form sign-in with CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    HttpFirewall firewall() {
        return RejectedRequestHandler.firewall();
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization: with the actuator
     * present Spring Security wraps every filter of every request in one, which cost 2% of the service's CPU under
     * load (docs/performance.md, "What the CPU pays for"). Each request is still timed ({@code http.server.requests}),
     * and sign-ins are still logged and throttled.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * Pages send no script of their own, so none runs but the app's files; the accept page carries its token in
     * the URL, which no referrer carries on (S12).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    AuthenticationManager customerAuthentication(ProfileSignIn profiles, PasswordEncoder passwordEncoder, Clock clock,
            AuthenticationEventPublisher events) {
        return publishing(new ProviderManager(new RememberingPasswordCheck(profiles, passwordEncoder, clock)), events);
    }

    /** Every bad credential becomes an event, which {@link SignInFailures} counts (S3). */
    private static ProviderManager publishing(ProviderManager manager, AuthenticationEventPublisher events) {
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    /** Cockpit, Tasklist and Admin authenticate and protect themselves; a second CSRF check would break them. */
    @Bean
    @Order(1)
    SecurityFilterChain staffApps(HttpSecurity http) throws Exception {
        return http.securityMatcher(Doors.STAFF_APPS)
                .authorizeHttpRequests(requests -> requests
                        // S2: Camunda's first-user setup is never reachable, even should the staff group be empty
                        .requestMatchers(Doors.CAMUNDA_SETUP).denyAll()
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    /** Camunda's own filter makes /engine-rest ask for a staff user's credentials. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        return registration;
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager customerAuthentication, ApiTokens tokens,
            ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = unlessDatabaseOutage((request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"account-transfer\", Bearer realm=\"account-transfer\"");
            writeProblem(response, json, HttpStatus.UNAUTHORIZED, e instanceof BearerTokenFilter.Refused
                    ? e.getMessage() : "Sign in with an API token (Bearer) or your profile's email and password (HTTP Basic).");
        });
        AccessDeniedHandler forbidden = (request, response, e) -> writeProblem(response, json, HttpStatus.FORBIDDEN,
                "Your profile may not do this.");
        return http.securityMatcher(Doors.API)
                .authenticationManager(customerAuthentication)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("CUSTOMER"))
                .addFilterBefore(new BearerTokenFilter(tokens, unauthorized), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain operations(HttpSecurity http, IdentityService identity, ObjectMapper json,
            AuthenticationEventPublisher events) throws Exception {
        AuthenticationEntryPoint unauthorized = unlessDatabaseOutage((request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"operations\"");
            writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Sign in as a staff user (HTTP Basic).");
        });
        return http.securityMatcher(Doors.OPERATIONS)
                .authenticationManager(publishing(new ProviderManager(new StaffAuthentication(identity)), events))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("STAFF"))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain customerPages(HttpSecurity http, AuthenticationManager customerAuthentication)
            throws Exception {
        // a failed sign-in comes back to the form with the email the person typed, so only the password is retyped
        AuthenticationFailureHandler keepTypedEmail = (request, response, e) -> {
            if (DatabaseOutage.isCause(e)) {
                DatabaseOutage.refuse(response);
                return;
            }
            FlashMap flash = new FlashMap();
            flash.put("username", request.getParameter("username"));
            flash.setTargetRequestPath("/login");
            new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
        return http.authenticationManager(customerAuthentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/signup", "/css/**", "/favicon.ico", "/error", "/dev/mailbox/**")
                        .permitAll()
                        // the API's description is public, like the API's address
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        // the accept page explains itself to a visitor who is not signed in yet (T8)
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/transfers/*").permitAll()
                        .anyRequest().authenticated())
                // the saved request brings people back to the page they wanted, e.g. the transfer an email linked
                .formLogin(form -> form.loginPage("/login").failureHandler(keepTypedEmail).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .csrf(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * Spring Security turns a password or token lookup that could not reach the database into an authentication
     * failure; that is no wrong password, so it gets the outage's 503 with Retry-After, never 401.
     */
    private static AuthenticationEntryPoint unlessDatabaseOutage(AuthenticationEntryPoint unauthorized) {
        return (request, response, e) -> {
            if (DatabaseOutage.isCause(e)) {
                DatabaseOutage.refuse(response);
            } else {
                unauthorized.commence(request, response, e);
            }
        };
    }

    /** A refusal written by a filter, before any controller: problem+json (S6). */
    static void writeProblem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Staff are Camunda's own users in the camunda-admin group, so one account opens Cockpit and metrics. */
    static final class StaffAuthentication implements AuthenticationProvider {

        private final IdentityService identity;

        StaffAuthentication(IdentityService identity) {
            this.identity = identity;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String user = authentication.getName();
            if (TextFields.hasControlCharacter(user, false)) {
                // S11: never looked up, since PostgreSQL refuses a NUL
                throw new BadCredentialsException("not a staff user");
            }
            String password = String.valueOf(authentication.getCredentials());
            boolean staff = identity.checkPassword(user, password)
                    && identity.createGroupQuery().groupMember(user).groupId(Groups.CAMUNDA_ADMIN).count() > 0;
            if (!staff) {
                throw new BadCredentialsException("not a staff user");
            }
            return UsernamePasswordAuthenticationToken.authenticated(user, null,
                    List.of(new SimpleGrantedAuthority("ROLE_STAFF")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
