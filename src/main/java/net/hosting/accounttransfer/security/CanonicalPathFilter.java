package net.hosting.accounttransfer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's staff apps and REST API cut their paths from the raw request URI, and threw (500) on one that spells
 * a letter as {@code %61} or doubles a slash (S11). A percent-encoded unreserved character (letter, digit,
 * {@code -._~}) has no reason to be encoded (RFC 3986, 6.2.2.2), nor a segment to be empty, so such a path is
 * refused there with 400 before Camunda reads it; an encoded reserved character, such as the {@code %3A} of a
 * process definition id, still passes.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

    private static final Pattern ENCODED_UNRESERVED =
            Pattern.compile("%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (ENCODED_UNRESERVED.matcher(uri).find() || uri.contains("//")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }
}
