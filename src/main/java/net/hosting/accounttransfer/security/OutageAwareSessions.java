package net.hosting.accounttransfer.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import net.hosting.accounttransfer.infrastructure.DatabaseOutage;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The session store, which waits for a connection once per request while PostgreSQL is away, not again to read
 * the session for the error page nor to save it: each wait is the pool's whole connection timeout, and three of
 * them put an outage's 503 past the 15 s every request answers within (README "Reliability under faults").
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class OutageAwareSessions implements FindByIndexNameSessionRepository<Session> {

    /** Whether the request this thread serves met the outage already; cleared as the next request starts. */
    private static final ThreadLocal<Boolean> OUTAGE_MET = new ThreadLocal<>();

    private final FindByIndexNameSessionRepository store;

    OutageAwareSessions(FindByIndexNameSessionRepository<? extends Session> store) {
        this.store = store;
    }

    @Override
    public Session createSession() {
        return (Session) store.createSession();
    }

    @Override
    public void save(Session session) {
        if (Boolean.TRUE.equals(OUTAGE_MET.get())) {
            return;
        }
        watching(() -> {
            store.save(session);
            return null;
        });
    }

    /** None, without waiting again, once this request met the outage: its error page renders as for a visitor. */
    @Override
    public Session findById(String id) {
        if (Boolean.TRUE.equals(OUTAGE_MET.get())) {
            return null;
        }
        return watching(() -> (Session) store.findById(id));
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return store.findByIndexNameAndIndexValue(indexName, indexValue);
    }

    private static <T> T watching(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isCause(e)) {
                OUTAGE_MET.set(true);
            }
            throw e;
        }
    }

    /** Outside the session filter: a new request starts with no outage met. */
    static final class Scope extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getDispatcherType() == DispatcherType.REQUEST) {
                OUTAGE_MET.remove();
            }
            chain.doFilter(request, response);
        }
    }
}
