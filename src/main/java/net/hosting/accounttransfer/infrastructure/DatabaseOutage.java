package net.hosting.accounttransfer.infrastructure;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure because PostgreSQL is out of reach (stopped, restarting, unreachable) from any other failure,
 * however deeply Spring, Hibernate, Camunda or Spring Security wrapped it: such a request is answered 503 with
 * {@code Retry-After}, never 500, nor 401 for a right password whose lookup could not run.
 */
public final class DatabaseOutage {

    /**
     * What {@code Retry-After} says: a PostgreSQL restart takes seconds, and the pool gives up on a connection after
     * {@code spring.datasource.hikari.connection-timeout}, so a client retrying this much later finds it back or
     * learns so fast.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The detail of the 503 problem, for the API and for Spring Security's doors alike. */
    public static final String DETAIL = "The database is out of reach for a moment; try again in "
            + RETRY_AFTER_SECONDS + " seconds (see Retry-After). Sending it again is safe: a transfer started again"
            + " with the same Idempotency-Key is created once, and a decision already taken answers 409.";

    /** SQLSTATE class 08 (connection exception) and the server's own shutdown, crash and startup states. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    /** 503 with Retry-After; the error controller writes the body the client can read. */
    public static void refuse(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    /** Whether this failure, or any failure it wraps, says the database could not be reached. */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof JDBCConnectionException) {
                return true;
            }
            // a rollback on a connection the pool had already closed, because the server cut it: the rollback's
            // failure overrides the one that told the outage, and Hikari's closed connection gives no SQL state
            if (t instanceof TransactionException && t.getCause() instanceof SQLException sql
                    && sql.getSQLState() == null) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)
                            || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
