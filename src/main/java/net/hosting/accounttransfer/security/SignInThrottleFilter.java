package net.hosting.accounttransfer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import net.hosting.accounttransfer.common.TextFields;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in front of every door that checks a password (S3, S8): past the budget the attempt gets 429 with
 * Retry-After and no password is checked. Failures are counted where they happen ({@link SignInFailures}), except
 * at Camunda's own doors, which publish nothing and say no with 401. The doors are told by the path Spring routes
 * ({@link Doors}), never by the raw URI.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final GuessingThrottle throttle;

    SignInThrottleFilter(GuessingThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * One try of a password: who it claims to be, when the request says, and whether Camunda checks it, so that
     * its 401 is counted here.
     */
    private record Attempt(String user, boolean checkedByCamunda) {
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
        Optional<Duration> wait = throttle.retryAfter(Guess.SIGN_IN, address, attempt.user());
        if (wait.isPresent()) {
            TooManyGuesses.refuse(response, wait.get());
            return;
        }
        if (attempt.user() != null && TextFields.hasControlCharacter(attempt.user(), false)) {
            // S11: no door looks such a name up (PostgreSQL refuses a NUL); it is a failed sign-in like any other
            throttle.failed(Guess.SIGN_IN, address, null);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"account-transfer\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(request, response);
        if (attempt.checkedByCamunda() && response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            throttle.failed(Guess.SIGN_IN, address, attempt.user());
        }
    }

    private static Attempt attemptOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Attempt(basicUser(authorization.substring(6).strip()), Doors.ENGINE_REST.matches(request));
        }
        if (Doors.FORM_SIGN_IN.matches(request)) {
            // the form's own failure handler gives a NUL its answer, so the name is not checked here
            return new Attempt(null, false);
        }
        if (Doors.CAMUNDA_SIGN_IN.matches(request)) {
            // counted per address only: reading Camunda's form here would take its body from Jersey
            return new Attempt(null, true);
        }
        if (Doors.PROFILE_CHANGE.matches(request)) {
            return new Attempt(null, false);
        }
        return null;
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
