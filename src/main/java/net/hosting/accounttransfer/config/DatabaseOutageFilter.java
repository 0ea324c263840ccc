package net.hosting.accounttransfer.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import net.hosting.accounttransfer.infrastructure.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outside every other filter: a request that failed because PostgreSQL is out of reach, wherever it failed (the
 * sign-in throttle's counters, an API token's lookup, a page's query), is answered 503 with Retry-After by
 * {@link ProblemErrorController} (problem+json under the API, a page elsewhere) instead of 500.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.isCause(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database out of reach: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
                    e.toString());
            DatabaseOutage.refuse(response);
        }
    }
}
