package net.hosting.accounttransfer.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.hosting.accounttransfer.bench.Seed;
import net.hosting.accounttransfer.bench.ServiceProcess;
import net.hosting.accounttransfer.transfer.TransferKeys;
import net.hosting.accounttransfer.transfer.Party;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The one harness of the fault suite: production-mode nodes of the jar and what they need, staff at Cockpit, the
 * waits (Awaitility) until an offer is mailed and until every process has ended, and the scenario's summary line.
 */
final class FaultRun {

    static final Path OUT = Path.of("target", "faults");
    /**
     * What scenarios hold while they run ({@code @ResourceLock}), so that two run at once (the faults profile) but
     * never two on the test SMTP server, which each purges and counts, nor two that start nodes of the jar.
     */
    static final String TEST_SMTP = "IntegrationTest.SMTP";
    static final String JAR_NODES = "nodes of the jar";
    /** How often the waits look again. */
    private static final Duration POLL = Duration.ofMillis(200);

    private FaultRun() {
    }

    /** Customers calling at once: the benchmark's 16, or 8 at the reduced size. */
    static int clients() {
        return FaultSize.pick(16, 8);
    }

    /** A real SMTP server on a free port for the nodes to mail. */
    static GreenMail smtp() throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        return smtp;
    }

    /** A node of the jar in production mode on this database and SMTP server, with {@code more} settings. */
    static Map<String, String> node(String databaseUrl, String username, String password, GreenMail smtp,
            Map<String, String> more) {
        Map<String, String> environment = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("SPRING_DATASOURCE_URL", databaseUrl),
                Map.entry("SPRING_DATASOURCE_USERNAME", username),
                Map.entry("SPRING_DATASOURCE_PASSWORD", password),
                Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                Map.entry("SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("CAMUNDA_ADMIN_USER", "faultstaff"),
                Map.entry("CAMUNDA_ADMIN_PASSWORD", "fault-staff-" + ProcessHandle.current().pid()),
                Map.entry("BILLING_SELLER_NAME", "Fault Hosting SAS"),
                Map.entry("BILLING_SELLER_ADDRESS", "1 rue de la Faute\n75002 Paris"),
                Map.entry("BILLING_SELLER_SIREN", "123456782"),
                Map.entry("BILLING_SELLER_VATNUMBER", "FR11123456782")));
        environment.putAll(more);
        return environment;
    }

    /** What the checks read a node's database through; each query takes a fresh connection, so outages pass. */
    static JdbcTemplate jdbc(String databaseUrl, String username, String password) {
        return new JdbcTemplate(new DriverManagerDataSource(databaseUrl, username, password));
    }

    /** N senders with a paid account and N recipients, each with an API token; returns the tokens by email. */
    static Map<String, String> seed(Connection app, int n) throws SQLException {
        Seed.insert(app, n, new BCryptPasswordEncoder().encode(Seed.PASSWORD));
        return Seed.tokens(app);
    }

    static Path log(String name) throws IOException {
        Files.createDirectories(OUT);
        return OUT.resolve(name);
    }

    /**
     * An Awaitility wait that fails only on its own condition: by default Awaitility fails on any thread's uncaught
     * exception, and the faults make servers' threads die on purpose (the relay drops a session mid-message).
     */
    static ConditionFactory await(String what) {
        return Awaitility.await(what).dontCatchUncaughtExceptions();
    }

    /** AccountTransfer instances still running. */
    static int running(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from act_ru_execution where id_ = proc_inst_id_"
                + " and proc_def_id_ like 'AccountTransfer:%'", Integer.class);
    }

    /**
     * Waits until no AccountTransfer instance runs any more and returns how long that took. Nobody retries an
     * incident here, so the first one fails the wait at once; queries that fail (the database away) are tried again.
     */
    static Duration awaitDrained(JdbcTemplate jdbc, Duration atMost) {
        long start = System.nanoTime();
        await("every AccountTransfer instance ended").atMost(atMost).pollInterval(POLL).ignoreExceptions()
                .failFast("an incident", () -> openIncidents(jdbc) > 0)
                .until(() -> running(jdbc) == 0);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until no AccountTransfer instance runs any more, while {@code staff} retry the incidents. */
    static Duration awaitDrained(JdbcTemplate jdbc, Staff staff, Duration atMost) {
        long start = System.nanoTime();
        await("every AccountTransfer instance ended, incidents retried by staff").atMost(atMost).pollInterval(POLL)
                .until(() -> {
                    staff.retryOpenIncidents();
                    return running(jdbc) == 0;
                });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until the step that mails the offer of {@code transfer} has committed (SMTP took it before). */
    static void awaitOfferMailed(JdbcTemplate jdbc, UUID transfer, Duration atMost) {
        String key = TransferKeys.mail(transfer, "offer", Party.RECIPIENT);
        await("the offer of " + transfer + " mailed").atMost(atMost).pollInterval(POLL).until(() -> jdbc
                .queryForObject("select count(*) from sent_mail where idempotency_key = ?", Integer.class, key) > 0);
    }

    private static int openIncidents(JdbcTemplate jdbc) {
        try {
            return jdbc.queryForObject("select count(*) from act_ru_incident", Integer.class);
        } catch (DataAccessException databaseAway) {
            // the restart scenario looks through the outage too
            return 0;
        }
    }

    /** The scenario's one summary line, which CI prints: {@code faults: <scenario>: <what happened>, <figures>}. */
    static void report(String scenario, String happened, ExactlyOnce.Result result) {
        System.out.printf("faults: %s: %s, %s%n", scenario, happened, result.figures());
    }

    /**
     * Staff at Cockpit: every incident is seen, named by its step, and retried once its retries ran out; while
     * started, they look every second.
     */
    static final class Staff implements AutoCloseable {

        private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();

        private final ManagementService management;
        private final RuntimeService runtime;
        private final Set<String> seen = new HashSet<>();
        private final List<String> steps = new ArrayList<>();

        Staff(ManagementService management, RuntimeService runtime) {
            this.management = management;
            this.runtime = runtime;
        }

        Staff start() {
            watch.scheduleWithFixedDelay(this::retryOpenIncidents, 1, 1, TimeUnit.SECONDS);
            return this;
        }

        @Override
        public void close() {
            watch.shutdownNow();
        }

        /** Retries every open incident of a failed job, as Cockpit's "retry" does (one more attempt). */
        synchronized void retryOpenIncidents() {
            for (Incident incident : runtime.createIncidentQuery().processDefinitionKeyIn("AccountTransfer").list()) {
                if (seen.add(incident.getId())) {
                    steps.add(incident.getActivityId());
                }
                if (Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())) {
                    management.setJobRetries(incident.getConfiguration(), 1);
                }
            }
        }

        /** Incidents seen, in all. */
        synchronized int incidents() {
            return seen.size();
        }

        /** The steps the incidents were raised by, e.g. {@code Task_NotifyRecipient}. */
        synchronized List<String> steps() {
            return List.copyOf(steps);
        }
    }
}
