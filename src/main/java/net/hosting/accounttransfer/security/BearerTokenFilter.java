package net.hosting.accounttransfer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import net.hosting.accounttransfer.profile.ApiTokens;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs an API call in with {@code Authorization: Bearer <token>}, a personal API token; other calls pass on to
 * HTTP Basic. A Bearer token that is unknown, revoked, or presented to the token management itself is refused
 * outright rather than treated as anonymous, so the answer says which.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint refuse;

    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint refuse) {
        this.tokens = tokens;
        this.refuse = refuse;
    }

    /** Why a Bearer token was refused, in words the caller can act on. */
    static final class Refused extends AuthenticationException {

        Refused(String detail) {
            super(detail);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        // on the path Spring routes: /%61pi/%74okens is /api/tokens (S7)
        if (Doors.TOKEN_MANAGEMENT.matches(request)) {
            refuse.commence(request, response, new Refused("API tokens are managed with your password (HTTP Basic) "
                    + "or on the profile page, never with a token."));
            return;
        }
        Optional<SignedInProfile> me = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (me.isEmpty()) {
            refuse.commence(request, response, new Refused("This API token is unknown or was revoked; "
                    + "create a new one on your profile page."));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(me.get(), null,
                me.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
