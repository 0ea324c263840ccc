package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.hosting.accounttransfer.bench.BenchDatabases;
import net.hosting.accounttransfer.bench.Credentials;
import net.hosting.accounttransfer.bench.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 2 of issue 11: two nodes of the production jar, each its own JVM, on one PostgreSQL; one node gets
 * SIGKILL with transfers in flight. The survivor finishes them all: the steps the dead node had locked run again
 * once their lock runs out ({@code lock-time-in-millis}), and still every mail and document exists exactly once.
 */
@ResourceLock(FaultRun.JAR_NODES)
class NodeKilledFaultTests {

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    /**
     * How long a node owns the steps it acquired, so how long the dead node's steps wait: production's 60 s at full
     * size, 20 s at CI's (still many times a step's run, so a live node's step is never taken over).
     */
    private static final Duration LOCK_TIME = Duration.ofSeconds(FaultSize.pick(60, 20));

    @Test
    void theSurvivingNodeFinishesEveryTransferExactlyOnce() throws Exception {
        int n = FaultSize.pick(500, 60);
        int clients = FaultRun.clients();
        Path jar = ServiceProcess.builtJar();
        try (BenchDatabases databases = BenchDatabases.start()) {
            String database = "faults_" + ProcessHandle.current().pid() + "_node_killed";
            String url = databases.create(database);
            GreenMail smtp = FaultRun.smtp();
            Map<String, String> node = FaultRun.node(url, databases.username(), databases.password(), smtp, Map.of());
            String lockTime = "-Dcamunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis();
            // one after the other: the first creates the schema, the second joins it
            ServiceProcess doomed = ServiceProcess.start(jar, node, lockTime, FaultRun.log("node-killed-a.log"));
            try (ServiceProcess survivor = ServiceProcess.start(jar, node, lockTime, FaultRun.log("node-killed-b.log"));
                    Connection app = databases.connect(database)) {
                JdbcTemplate jdbc = FaultRun.jdbc(url, databases.username(), databases.password());
                Map<String, String> tokens = FaultRun.seed(app, n);
                Customers customers = new Customers(List.of(doomed.port(), survivor.port()),
                        i -> Credentials.bearer(tokens), smtp, PATIENCE);
                long began = System.nanoTime();
                CompletableFuture<Void> lifecycles = customers.start(n, clients);
                customers.awaitAccepted(n / 2, lifecycles);
                int lockedAtKill = jdbc.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null",
                        Integer.class);
                int inFlight = n - jdbc.queryForObject("select count(*) from transfer where status = 'COMPLETED'",
                        Integer.class);
                long killed = System.nanoTime();
                doomed.kill();
                lifecycles.get();
                FaultRun.awaitDrained(jdbc, PATIENCE);
                double drainSeconds = (System.nanoTime() - killed) / 1e9;
                ExactlyOnce.Expected expected = new ExactlyOnce.Expected();
                customers.transfers().forEach(expected::completedNow);
                ExactlyOnce.Result result = ExactlyOnce.check(jdbc, smtp, expected, ExactlyOnce.Commits.MAY_BE_LOST);
                FaultRun.report("node killed", String.format("%d transfers (%d clients, %d not completed at the"
                        + " kill), 1 node of 2 SIGKILLed %.1f s in with %d steps locked, %d calls resent, survivor"
                        + " drained %.1f s after the kill (lock time %d s), longest answer %d ms", n, clients, inFlight,
                        (killed - began) / 1e9, lockedAtKill, customers.resent.get(), drainSeconds,
                        LOCK_TIME.toSeconds(), customers.longestAnswerMillis.get()), result);
                assertThat(customers.lost).as("lifecycles that never got through").isEmpty();
                assertThat(customers.brokenRules).as("answers that broke the API's rules").isEmpty();
                assertThat(expected.transfers()).as("transfers started").isEqualTo(n);
                assertThat(result.broken()).as("exactly-once").isEmpty();
            } finally {
                doomed.close();
                smtp.stop();
            }
        }
    }
}
