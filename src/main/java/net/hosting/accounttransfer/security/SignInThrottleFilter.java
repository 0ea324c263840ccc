package net.hosting.accounttransfer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in front of every door that checks a password (S3): past the budget the attempt gets 429 with
 * Retry-After and no password is checked; after the door answered, a failure is counted. It sits before Spring
 * Security and Camunda's filters, so it sees their answers without knowing how they check.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Pattern BASIC_DOORS = Pattern.compile("/(api|engine-rest|actuator)(/.*)?");
    private static final Pattern CAMUNDA_SIGN_IN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");
    private static final String FORM_SIGN_IN = "/login";

    private final GuessingThrottle throttle;

    SignInThrottleFilter(GuessingThrottle throttle) {
        this.throttle = throttle;
    }

    /** One try of a password: who it claims to be, and how the door says no. */
    private record Attempt(String email, Door door) {
    }

    private enum Door {
        /** HTTP Basic and Camunda's sign-in say no with 401. */
        UNAUTHORIZED,
        /** The page form says no by sending the browser back to {@code /login?error}. */
        FORM
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Attempt attempt = attemptOf(request);
        if (attempt == null) {
            chain.doFilter(request, response);
            return;
        }
        // the connection's address; behind a proxy Tomcat's RemoteIpValve sets it from trusted proxies only
        String address = request.getRemoteAddr();
        Optional<java.time.Duration> wait = throttle.retryAfter(Guess.SIGN_IN, address, attempt.email());
        if (wait.isPresent()) {
            TooManyGuesses.refuse(response, wait.get());
            return;
        }
        chain.doFilter(request, response);
        if (failed(attempt, response)) {
            throttle.failed(Guess.SIGN_IN, address, attempt.email());
        }
    }

    private static Attempt attemptOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && BASIC_DOORS.matcher(path).matches()) {
            return new Attempt(basicUser(authorization.substring(6).strip()), Door.UNAUTHORIZED);
        }
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        if (path.equals(FORM_SIGN_IN)) {
            return new Attempt(request.getParameter("username"), Door.FORM);
        }
        if (CAMUNDA_SIGN_IN.matcher(path).matches()) {
            // counted per address only: reading Camunda's form here would take its body from Jersey
            return new Attempt(null, Door.UNAUTHORIZED);
        }
        return null;
    }

    private static boolean failed(Attempt attempt, HttpServletResponse response) {
        return switch (attempt.door()) {
            case UNAUTHORIZED -> response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
            case FORM -> {
                String location = response.getHeader(HttpHeaders.LOCATION);
                yield location != null && location.contains(FORM_SIGN_IN + "?error");
            }
        };
    }

    /** The user name of an HTTP Basic header, or null when it is not one; the address is counted either way. */
    private static String basicUser(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
