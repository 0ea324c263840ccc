package net.hosting.accounttransfer.security;

import net.hosting.accounttransfer.profile.ApiTokens;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every door a security decision names, as Spring Security request matchers on the path Spring routes: decoded
 * and normalised, so {@code /%61pi/tokens} is {@code /api/tokens} here as in the controllers (S7). Nothing in
 * this package reads {@code getRequestURI()} to decide.
 */
final class Doors {

    // path patterns, not MVC matchers: /engine-rest is served by Jersey's servlet, not Spring MVC's
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    static final RequestMatcher API = PATHS.matcher("/api/**");
    static final RequestMatcher TOKEN_MANAGEMENT = new OrRequestMatcher(PATHS.matcher(ApiTokens.MANAGEMENT_PATH),
            PATHS.matcher(ApiTokens.MANAGEMENT_PATH + "/**"));
    static final RequestMatcher OPERATIONS = PATHS.matcher("/actuator/**");
    static final RequestMatcher ENGINE_REST = PATHS.matcher("/engine-rest/**");
    static final RequestMatcher STAFF_APPS = new OrRequestMatcher(PATHS.matcher("/camunda/**"), ENGINE_REST);
    static final RequestMatcher CAMUNDA_SETUP = PATHS.matcher("/camunda/api/admin/setup/**");
    static final RequestMatcher CAMUNDA_SIGN_IN =
            PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/{engine}/login/{app}");
    static final RequestMatcher FORM_SIGN_IN = PATHS.matcher(HttpMethod.POST, "/login");
    /** Where a profile change checks the current password (S8): the API and the two profile forms. */
    static final RequestMatcher PROFILE_CHANGE = new OrRequestMatcher(PATHS.matcher(HttpMethod.PATCH, "/api/profile"),
            PATHS.matcher(HttpMethod.POST, "/profile"), PATHS.matcher(HttpMethod.POST, "/profile/password"));

    private Doors() {
    }
}
