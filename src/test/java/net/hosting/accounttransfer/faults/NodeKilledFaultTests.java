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

/**
 * Scenario 2 of issue 11: two nodes of the production jar, each its own JVM, on one PostgreSQL; one node gets
 * SIGKILL with transfers in flight. The survivor finishes them all: the steps the dead node had locked run again
 * once their lock runs out ({@code lock-time-in-millis}), and still every mail and document exists exactly once.
 */
class NodeKilledFaultTests {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @Test
    void theSurvivingNodeFinishesEveryTransferExactlyOnce() throws Exception {
        int n = FaultSize.pick(500, 60);
        int clients = FaultRun.clients();
        Path jar = ServiceProcess.builtJar();
        try (BenchDatabases databases = BenchDatabases.start()) {
            String database = "faults_" + ProcessHandle.current().pid() + "_node_killed";
            String url = databases.create(database);
            GreenMail smtp = FaultRun.smtp();
            Map<String, String> node = FaultRun.node(url, databases.username(), databases.password(), smtp);
            // one after the other: the first creates the schema, the second joins it
            ServiceProcess doomed = ServiceProcess.start(jar, node, "", FaultRun.log("node-killed-a.log"));
            try (ServiceProcess survivor = ServiceProcess.start(jar, node, "", FaultRun.log("node-killed-b.log"));
                    Connection app = databases.connect(database)) {
                Map<String, String> tokens = FaultRun.seed(app, n);
                Customers customers = new Customers(List.of(doomed.port(), survivor.port()),
                        i -> Credentials.bearer(tokens), smtp, PATIENCE);
                long began = System.nanoTime();
                CompletableFuture<Void> lifecycles = customers.start(n, clients);
                customers.awaitAccepted(n / 2, lifecycles);
                int lockedAtKill = FaultRun.count(app, "select count(*) from act_ru_job where lock_owner_ is not null");
                int inFlight = n - FaultRun.count(app, "select count(*) from transfer where status = 'COMPLETED'");
                long killed = System.nanoTime();
                doomed.kill();
                lifecycles.get();
                boolean drained = FaultRun.awaitDrained(app, n, PATIENCE);
                double drainSeconds = (System.nanoTime() - killed) / 1e9;
                FaultRun.Ledger ledger = FaultRun.Ledger.read(app, smtp);
                System.out.printf("faults: node killed: %d transfers (%d clients, %d not completed at the kill),"
                        + " 1 node of 2 SIGKILLed %.1f s in with %d steps locked, %d calls resent, %d step failures"
                        + " retried, survivor drained %.1f s after the kill (lock time 60 s), longest answer %d ms,"
                        + " %s%n", n, clients, inFlight, (killed - began) / 1e9, lockedAtKill, customers.resent.get(),
                        ledger.jobFailures(), drainSeconds, customers.longestAnswerMillis.get(), ledger.figures(n));
                smtp.stop();
                assertThat(customers.lost).as("lifecycles that never got through").isEmpty();
                assertThat(customers.brokenRules).as("answers that broke the API's rules").isEmpty();
                assertThat(drained).as("every transfer COMPLETED and every process ended within " + PATIENCE).isTrue();
                assertThat(ledger.broken(n)).as("exactly-once").isEmpty();
            } finally {
                doomed.close();
                smtp.stop();
            }
        }
    }
}
