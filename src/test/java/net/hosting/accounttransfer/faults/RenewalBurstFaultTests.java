package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.hosting.accounttransfer.bench.BenchDatabases;
import net.hosting.accounttransfer.bench.Credentials;
import net.hosting.accounttransfer.bench.Seed;
import net.hosting.accounttransfer.bench.ServiceProcess;
import net.hosting.accounttransfer.transfer.Party;
import net.hosting.accounttransfer.transfer.TransferKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 5 of the fault suite (P3): AT_RENEWAL transfers whose renewal timers all fall due in the same instant,
 * drained by two nodes of the production jar, each its own JVM: every recipient is billed exactly once, and the
 * time from the due instant until every process has ended is printed with its rate.
 */
@ResourceLock(FaultRun.JAR_NODES)
class RenewalBurstFaultTests {

    private static final int TRANSFERS = FaultSize.pick(10_000, 200);
    /** Customers seeding at once, half of them on each node; the burst itself has no client. */
    private static final int CLIENTS = 16;
    private static final Duration PATIENCE = Duration.ofMinutes(30);
    private static final String RENEWAL_TIMER = "TimerEvent_RenewalDate";
    private static final String TIMERS = "from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
            + " where d.act_id_ = '" + RENEWAL_TIMER + "'";
    /** Every job of a transfer; Camunda's history cleanup job waits in the same table. */
    private static final String TRANSFER_JOBS =
            "select count(*) from act_ru_job where process_def_key_ = 'AccountTransfer'";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void renewalTimersDueInTheSameInstantBillEveryRecipientExactlyOnce() throws Exception {
        Path jar = ServiceProcess.builtJar();
        try (BenchDatabases databases = BenchDatabases.start()) {
            String database = "faults_" + ProcessHandle.current().pid() + "_renewal_burst";
            String url = databases.create(database);
            GreenMail smtp = FaultRun.smtp();
            Map<String, String> node = FaultRun.node(url, databases.username(), databases.password(), smtp, Map.of());
            // one after the other: the first creates the schema, the second joins it; each names itself in the job
            // log; -Dfaults.renewals.jvm (a JFR recording, say) goes to node A only
            ServiceProcess a = ServiceProcess.start(jar, node, (hostname("node-a") + " "
                    + System.getProperty("faults.renewals.jvm", "")).strip(), FaultRun.log("renewal-burst-a.log"));
            try (ServiceProcess b = ServiceProcess.start(jar, node, hostname("node-b"),
                    FaultRun.log("renewal-burst-b.log")); Connection app = databases.connect(database)) {
                JdbcTemplate jdbc = FaultRun.jdbc(url, databases.username(), databases.password());
                run(jdbc, app, smtp, List.of(a.port(), b.port()));
            } finally {
                a.close();
                smtp.stop();
            }
        }
    }

    private static void run(JdbcTemplate jdbc, Connection app, GreenMail smtp, List<Integer> ports) throws Exception {
        // seed: sender i owns account i, its monthly period begun 10 days ago for all (Seed), so every renewal timer
        // waits for the same date; sender i offers it AT_RENEWAL on one node, recipient i accepts on the other
        long seeding = System.nanoTime();
        Map<String, String> tokens = FaultRun.seed(app, TRANSFERS);
        Customers customers = new Customers(ports, i -> Credentials.bearer(tokens), smtp, PATIENCE);
        List<UUID> ids = startAndAccept(customers);
        FaultRun.await("every transfer at its renewal timer, nothing else to run").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500)).until(() -> jobs(jdbc, "select count(*) " + TIMERS) == TRANSFERS
                        && jobs(jdbc, TRANSFER_JOBS) == TRANSFERS);
        Duration seeded = Duration.ofNanos(System.nanoTime() - seeding);
        assertThat(jdbc.queryForList("select distinct current_period_end from subscription"
                + " where account_id in (select account_id from transfer)", LocalDate.class))
                .as("one renewal date for every transferred account").hasSize(1);

        // the burst: every renewal timer due in one instant, set in one statement a little before it comes
        Instant due = Instant.now().plusSeconds(2);
        int set = jdbc.update("update act_ru_job set duedate_ = ? where id_ in (select j.id_ " + TIMERS + ")",
                Timestamp.from(due));
        assertThat(set).isEqualTo(TRANSFERS);
        assertThat(Instant.now()).as("every due date set before the instant they share").isBefore(due);
        FaultRun.awaitDrained(jdbc, PATIENCE);
        // from the instant every timer fell due: the engine cannot start before it
        Duration drain = Duration.between(due, Instant.now());

        // an offer is mailed only when its job ran before the acceptance; those mailed must have arrived once too
        Set<String> recorded = new HashSet<>(jdbc.queryForList("select idempotency_key from sent_mail", String.class));
        ExactlyOnce.Expected expected = new ExactlyOnce.Expected();
        ids.forEach(id -> expected.completedAtRenewal(id, recorded.contains(TransferKeys.mail(id, "offer",
                Party.RECIPIENT))));
        ExactlyOnce.Result result = ExactlyOnce.check(jdbc, smtp, expected, ExactlyOnce.Commits.KEPT);
        // billed exactly once: each transferred account's subscription is paid by its recipient, in the next
        // period, with one invoice for it
        int renewed = jdbc.queryForObject("""
                select count(*) from transfer t join subscription s on s.account_id = t.account_id
                where s.status = 'ACTIVE' and s.payer_id = t.recipient_id
                  and (select count(*) from invoice i where i.subscription_id = s.id and i.kind = 'INVOICE'
                       and i.period_start = s.current_period_start and i.period_end = s.current_period_end) = 1
                  and (select count(*) from invoice i
                       where i.subscription_id = s.id and i.profile_id = t.recipient_id) = 1
                """, Integer.class);
        Map<String, Long> burstJobs = new TreeMap<>();
        jdbc.queryForList("select hostname_, count(*) as jobs from act_hi_job_log where job_state_ = 2"
                + " and timestamp_ >= ? group by hostname_", Timestamp.from(due))
                .forEach(row -> burstJobs.put((String) row.get("hostname_"), ((Number) row.get("jobs")).longValue()));
        Timestamp firstStep = jdbc.queryForObject("select min(timestamp_) from act_hi_job_log where job_state_ = 2"
                + " and timestamp_ >= ?", Timestamp.class, Timestamp.from(due));
        long steps = burstJobs.values().stream().mapToLong(Long::longValue).sum();
        double seconds = drain.toMillis() / 1000.0;
        FaultRun.report("AT_RENEWAL burst on two nodes of the jar", String.format("%d renewal timers due in one"
                + " instant, seeded in %.1f s (%d calls resent), first step done %.1f s after it, drained in %.1f s:"
                + " %.1f transfers/s, %.1f steps/s, steps by node %s", TRANSFERS, seeded.toMillis() / 1000.0,
                customers.resent.get(), firstStep == null ? Double.NaN
                        : Duration.between(due, firstStep.toInstant()).toMillis() / 1000.0,
                seconds, TRANSFERS / seconds, steps / seconds, burstJobs), result);
        assertThat(customers.brokenRules).as("answers that broke the API's rules").isEmpty();
        assertThat(result.broken()).as("exactly-once").isEmpty();
        assertThat(renewed).as("recipient subscriptions renewed and invoiced once").isEqualTo(TRANSFERS);
        assertThat(burstJobs).as("both nodes drained the burst").hasSize(2);
    }

    /**
     * Transfer i: sender i offers account i to recipient i, AT_RENEWAL, on one node; the recipient accepts at once
     * on the other, most often before the offer's mail step ran (the decision then drops it). Returns the ids.
     */
    private static List<UUID> startAndAccept(Customers customers) throws Exception {
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i <= TRANSFERS; i = next.getAndIncrement()) {
                    try {
                        Optional<HttpResponse<String>> created = customers.call(i, "POST", "/api/transfers",
                                Seed.sender(i), "{\"account\":\"" + Seed.account(i) + "\",\"recipientEmail\":\""
                                        + Seed.recipient(i) + "\",\"billingMode\":\"AT_RENEWAL\"}",
                                UUID.randomUUID().toString());
                        if (created.isEmpty() || created.get().statusCode() != 201) {
                            lost.add("transfer " + i + ": start answered " + created.map(r -> r.statusCode() + " "
                                    + r.body()).orElse("nothing"));
                            continue;
                        }
                        UUID id = UUID.fromString(JSON.readTree(created.get().body()).get("id").asText());
                        ids.add(id);
                        Optional<HttpResponse<String>> accepted = customers.call(i + 1, "POST",
                                "/api/transfers/" + id + "/accept", Seed.recipient(i), null, null);
                        if (accepted.isEmpty() || accepted.get().statusCode() != 200) {
                            lost.add("transfer " + i + ": accept answered " + accepted.map(r -> r.statusCode() + " "
                                    + r.body()).orElse("nothing"));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        lost.add("transfer " + i + ": " + e);
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(PATIENCE.toMinutes(), TimeUnit.MINUTES)).as("seeded in time").isTrue();
        assertThat(lost).as("transfers that could not be started and accepted").isEmpty();
        assertThat(ids).hasSize(TRANSFERS);
        return List.copyOf(ids);
    }

    private static int jobs(JdbcTemplate jdbc, String count) {
        return jdbc.queryForObject(count, Integer.class);
    }

    /** The name Camunda writes beside every job a node runs, so the job log tells the nodes apart. */
    private static String hostname(String name) {
        return "-Dcamunda.bpm.generic-properties.properties.hostname=" + name;
    }
}
