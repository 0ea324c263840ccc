package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.support.Mailbox;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every fault scenario checks and prints: the process drained, each mail once at the SMTP server under one
 * Message-ID, each document once, and the one summary line of the run.
 */
final class FaultChecks {

    private FaultChecks() {
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

    /**
     * Waits until no {@code AccountTransfer} instance runs any more, while staff retry incidents, and returns how
     * long that took; fails after {@code atMost}.
     */
    static Duration awaitDrained(JdbcTemplate jdbc, Staff staff, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        while (running(jdbc) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(running(jdbc) + " AccountTransfer instances still run after " + atMost
                        + "; jobs left: " + jdbc.queryForList("select act_id_, count(*) from act_ru_job"
                        + " group by act_id_"));
            }
            staff.retryOpenIncidents();
            Thread.sleep(500);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static int running(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from act_ru_execution where id_ = proc_inst_id_"
                + " and proc_def_id_ like 'AccountTransfer:%'", Integer.class);
    }

    /** Waits until the step that mails the offer of {@code transfer} has committed (SMTP took it before). */
    static void awaitOfferMailed(JdbcTemplate jdbc, UUID transfer, Duration atMost) throws InterruptedException {
        String key = "transfer:" + transfer + ":offer:recipient";
        long deadline = System.nanoTime() + atMost.toNanos();
        while (jdbc.queryForObject("select count(*) from sent_mail where idempotency_key = ?", Integer.class, key) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the offer of " + transfer + " was not mailed within " + atMost);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Every expected mail key is in {@code sent_mail} and reached the SMTP server exactly once, under one
     * Message-ID, and nothing else reached it; answers how many mails the server holds.
     */
    static int assertMailedExactlyOnce(JdbcTemplate jdbc, Mailbox mailbox, Collection<String> expectedKeys) {
        List<Mailbox.Envelope> received = mailbox.envelopes();
        Map<String, List<Mailbox.Envelope>> byKey = received.stream()
                .collect(Collectors.groupingBy(envelope -> String.valueOf(envelope.key()), TreeMap::new, Collectors.toList()));
        List<String> twice = byKey.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(entry -> entry.getKey() + " x" + entry.getValue().size()).toList();
        assertThat(twice).as("mail keys that reached SMTP more than once").isEmpty();
        Map<String, Set<String>> keysByMessageId = received.stream().collect(Collectors.groupingBy(
                Mailbox.Envelope::messageId, Collectors.mapping(Mailbox.Envelope::key, Collectors.toSet())));
        assertThat(keysByMessageId.values()).as("a Message-ID shared by two keys").allMatch(keys -> keys.size() == 1);
        assertThat(keysByMessageId).as("one Message-ID per mail").hasSize(received.size());
        assertThat(byKey.keySet()).as("mails at the SMTP server, by key").isEqualTo(new java.util.TreeSet<>(expectedKeys));
        assertThat(new java.util.TreeSet<>(jdbc.queryForList("select idempotency_key from sent_mail", String.class)))
                .as("mails recorded in sent_mail").isEqualTo(new java.util.TreeSet<>(expectedKeys));
        return received.size();
    }

    /** The document keys of transfers issued, each at most once (the unique key) and exactly as expected. */
    static int assertDocumentsExactlyOnce(JdbcTemplate jdbc, Collection<String> expectedKeys) {
        List<String> issued = jdbc.queryForList(
                "select idempotency_key from invoice where idempotency_key like 'transfer:%' order by 1", String.class);
        assertThat(issued).as("documents of transfers").containsExactlyInAnyOrderElementsOf(expectedKeys);
        return issued.size();
    }

    /** Failed attempts of jobs, each retried by Camunda (or by staff once its retries ran out). */
    static int retries(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from act_hi_job_log where job_state_ = 1", Integer.class);
    }

    static <T> Map<String, Long> count(Collection<T> things, Function<T, String> by) {
        return things.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
    }

    /** The scenario's one summary line. */
    static void printSummary(String scenario, int transfers, String faults, int retries, Duration drain,
            int mailsExpected, int mailsFound, int documentsExpected, int documentsFound, String more) {
        System.out.printf("FAULTS %s: transfers=%d faults injected=%s retries=%d time to drain=%.1f s"
                + " mails expected/found=%d/%d documents expected/found=%d/%d%s%n", scenario, transfers, faults,
                retries, drain.toMillis() / 1000.0, mailsExpected, mailsFound, documentsExpected, documentsFound,
                more.isEmpty() ? "" : " " + more);
    }
}
