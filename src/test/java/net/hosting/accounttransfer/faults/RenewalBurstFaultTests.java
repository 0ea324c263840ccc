package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Nodes;
import net.hosting.accounttransfer.support.TransfersByApi;
import net.hosting.accounttransfer.transfer.TransferKeys;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 5 of the fault suite (P3): AT_RENEWAL transfers whose renewal timers all fall due in the same instant,
 * set through Camunda's API, drained by two nodes: every recipient is billed exactly once, and the time to drain
 * is printed with its linear extrapolation to 10,000.
 */
@ResourceLock(FaultRun.TEST_SMTP)
class RenewalBurstFaultTests {

    private static final int TRANSFERS = FaultSize.pick(2_000, 100);
    private static final int CLIENTS = 8;
    private static final int PROFILES = 10;
    private static final String RENEWAL_TIMER = "TimerEvent_RenewalDate";

    @RegisterExtension
    static final Nodes CLUSTER = Nodes.onFreshDatabase(2, () -> IntegrationTest.SMTP_PORT,
            // a few customers make all the offers; S4 has its own tests
            "transfer.max-offers-per-day=1000000");


    private record Party(Profile profile, Api onA, Api onB) {
    }

    @Test
    void renewalTimersDueInTheSameInstantBillEveryRecipientExactlyOnce() throws Exception {
        IntegrationTest.SMTP.purgeEmailFromAllMailboxes();
        Fixtures fixtures = Nodes.fixtures(CLUSTER.node(0));
        JdbcTemplate jdbc = CLUSTER.node(0).getBean(JdbcTemplate.class);
        ManagementService management = CLUSTER.node(0).getBean(ManagementService.class);
        List<Party> senders = new ArrayList<>();
        List<Party> recipients = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            senders.add(party(fixtures.customer("Sender", Profile.Language.EN)));
            recipients.add(party(fixtures.customer("Recipient", Profile.Language.FR)));
        }

        // seed: started on node A and accepted on node B at once, most often before the offer's job ran (the
        // decision then drops it); every period began 10 days ago, so every renewal timer waits for the same date
        long seeding = System.nanoTime();
        List<UUID> ids = Offers.make(TRANSFERS, CLIENTS, senders, recipients,
                (sender, i) -> fixtures.paidAccount(sender.profile(), "9.99", BillingCycle.MONTHLY, 10).name(),
                offer -> {
                    UUID id = TransfersByApi.start(offer.sender().onA(), offer.account(),
                            offer.recipient().profile().email(), "AT_RENEWAL");
                    TransfersByApi.accept(offer.recipient().onB(), id);
                    return id;
                });
        FaultRun.await("every transfer at its renewal timer").atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> management.createJobQuery().activityId(RENEWAL_TIMER).timers().count() == TRANSFERS);
        Duration seeded = Duration.ofNanos(System.nanoTime() - seeding);
        assertThat(jdbc.queryForList("select distinct current_period_end from subscription where status = 'ACTIVE'"
                + " and payer_id in (select recipient_id from transfer)", java.time.LocalDate.class))
                .as("one renewal date for every recipient").hasSize(1);

        // the burst: every renewal timer due in one instant, a little ahead so that all are set before it comes
        List<Job> timers = management.createJobQuery().activityId(RENEWAL_TIMER).timers().list();
        Instant due = Instant.now().plusSeconds(5).plusMillis(10L * TRANSFERS);
        ExecutorService setters = Executors.newFixedThreadPool(4);
        List<Future<?>> set = new ArrayList<>();
        for (Job timer : timers) {
            set.add(setters.submit(() -> management.setJobDuedate(timer.getId(), Date.from(due))));
        }
        for (Future<?> done : set) {
            done.get();
        }
        setters.shutdown();
        Instant allSet = Instant.now();
        assertThat(allSet).as("every due date set before the instant they share").isBefore(due);
        FaultRun.awaitDrained(jdbc, Duration.ofMinutes(30));
        // from the instant every timer fell due: the engine cannot start before it
        Duration drain = Duration.between(due, Instant.now());

        // an offer is mailed only when its job ran before the acceptance; those mailed must have arrived once too
        Set<String> recorded = new HashSet<>(jdbc.queryForList("select idempotency_key from sent_mail", String.class));
        ExactlyOnce.Expected expected = new ExactlyOnce.Expected();
        ids.forEach(id -> expected.completedAtRenewal(id,
                recorded.contains(TransferKeys.mail(id, "offer", net.hosting.accounttransfer.transfer.Party.RECIPIENT))));
        ExactlyOnce.Result result = ExactlyOnce.check(jdbc, IntegrationTest.SMTP, expected, ExactlyOnce.Commits.KEPT);
        // billed exactly once: each recipient subscription has one invoice for its next period, and is in it now
        int renewed = jdbc.queryForObject("""
                select count(*) from subscription s
                where s.status = 'ACTIVE' and s.payer_id in (select recipient_id from transfer)
                  and (select count(*) from invoice i where i.subscription_id = s.id and i.kind = 'INVOICE'
                       and i.period_start = s.current_period_start and i.period_end = s.current_period_end) = 1
                """, Integer.class);
        Map<String, Long> burstJobs = new TreeMap<>();
        jdbc.queryForList("select hostname_, count(*) as jobs from act_hi_job_log where job_state_ = 2"
                + " and timestamp_ >= ? group by hostname_", Timestamp.from(due))
                .forEach(row -> burstJobs.put((String) row.get("hostname_"), ((Number) row.get("jobs")).longValue()));
        double perTransfer = drain.toMillis() / 1000.0 / TRANSFERS;
        FaultRun.report("AT_RENEWAL burst on two nodes", String.format("%d renewal timers due in one instant, seeded"
                + " in %.1f s, drained in %.1f s by node %s, extrapolated to 10,000: %.0f s", TRANSFERS,
                seeded.toMillis() / 1000.0, drain.toMillis() / 1000.0, burstJobs, perTransfer * 10_000), result);
        assertThat(result.broken()).as("exactly-once").isEmpty();
        assertThat(renewed).as("recipient subscriptions renewed and invoiced once").isEqualTo(TRANSFERS);
        assertThat(burstJobs).as("both nodes drained the burst").hasSize(2);
    }

    private static Party party(Profile profile) {
        return new Party(profile, Nodes.api(CLUSTER.node(0)).as(profile.email(), Fixtures.PASSWORD),
                Nodes.api(CLUSTER.node(1)).as(profile.email(), Fixtures.PASSWORD));
    }
}
