package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The API's answer to failures that reach a controller: an outage of the database is 503, anything else 500. */
class ProblemHandlerTests {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void aTransactionThatCouldNotGetAConnectionIs503WithRetryAfter() {
        assertUnavailable(handler.unexpected(new CannotCreateTransactionException("Could not open JPA EntityManager",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))));
    }

    @Test
    void aConnectionCutByTheServerShutdownInsideAWrapperIs503() {
        // how Camunda and Hibernate wrap it: the SQL state is the only sign
        assertUnavailable(handler.unexpected(new IllegalStateException("ENGINE-03004 Exception while executing",
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertUnavailable(handler.unexpected(new JpaSystemException(new JDBCConnectionException("broken",
                new SQLException("I/O error", "08006")))));
    }

    @Test
    void aRollbackOnAConnectionThePoolAlreadyClosedIs503() {
        // the rollback's failure replaces the one that told the outage ("Application exception overridden")
        assertUnavailable(handler.unexpected(new JpaSystemException(new org.hibernate.TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))));
    }

    @Test
    void anyOtherFailureIsStill500() {
        ResponseEntity<ProblemDetail> answer = handler.unexpected(new IllegalStateException("a bug",
                new SQLException("duplicate key", "23505")));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
        // a commit refused for a broken rule is no outage
        assertThat(handler.unexpected(new JpaSystemException(new org.hibernate.TransactionException(
                "Unable to commit against JDBC Connection", new SQLException("duplicate key", "23505"))))
                .getStatusCode().value()).isEqualTo(500);
    }

    private static void assertUnavailable(ResponseEntity<ProblemDetail> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("\\d+");
        assertThat(answer.getBody().getDetail()).contains("database");
    }
}
