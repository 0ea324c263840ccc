package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pool checks a connection before use only after it rested longer than {@code app.connection-check-after-idle}
 * (2 s). PostgreSQL's {@code pg_stat_activity.state_change} of the connection's backend shows whether a check ran:
 * Hikari's check is an empty statement, which moves it. With Hikari's own 500 ms the first case fails. And the
 * pool's connections send a batch of inserts as one statement.
 */
class PooledConnectionCheckIntegrationTests extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aConnectionThatRestedASecondIsHandedOutUnchecked() throws Exception {
        assertThat(stateChangedOnTheWayOut(1_000)).isFalse();
    }

    @Test
    void aConnectionThatRestedLongerThanTheWindowIsCheckedFirst() throws Exception {
        assertThat(stateChangedOnTheWayOut(2_600)).isTrue();
    }

    @Test
    void aBatchOfInsertsGoesAsOneMultiRowInsert() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create temporary table batched (n int) on commit drop");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into batched (n) values (?)")) {
                for (int n = 0; n < 4; n++) {
                    insert.setInt(1, n);
                    insert.addBatch();
                }
                // pgjdbc's reWriteBatchedInserts answers "done, count unknown" for rows it sent as one statement (it
                // groups them by powers of two, so 4 rows are one); a statement a row would answer 1 for each
                assertThat(insert.executeBatch()).containsOnly(Statement.SUCCESS_NO_INFO);
            }
            connection.rollback();
        }
    }

    /**
     * Uses a pooled connection, lets it rest, takes it out again and says whether its backend ran a statement on the
     * way out. The pool usually hands a thread back the connection it returned last; when another thread used that
     * one during the rest, or holds it then, the attempt is made again.
     */
    private boolean stateChangedOnTheWayOut(long restMillis) throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection monitor = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            for (int attempt = 0; attempt < 5; attempt++) {
                int pid;
                try (Connection first = pool.getConnection()) {
                    pid = backendPid(first);
                }
                Timestamp returned = stateChange(monitor, pid);
                Thread.sleep(restMillis);
                Timestamp rested = stateChange(monitor, pid);
                if (!rested.equals(returned)) {
                    // another thread (the job executor, say) used it meanwhile: it did not rest
                    continue;
                }
                try (Connection again = pool.getConnection()) {
                    Timestamp takenOut = stateChange(monitor, pid);
                    if (backendPid(again) == pid) {
                        return !takenOut.equals(rested);
                    }
                }
            }
        }
        throw new AssertionError("the pool never handed back the same connection");
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static Timestamp stateChange(Connection monitor, int pid) throws SQLException {
        try (PreparedStatement statement = monitor.prepareStatement(
                "select state_change from pg_stat_activity where pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getTimestamp(1);
            }
        }
    }
}
