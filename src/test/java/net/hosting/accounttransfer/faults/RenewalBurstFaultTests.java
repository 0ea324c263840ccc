package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import net.hosting.accounttransfer.support.Mailbox;
import net.hosting.accounttransfer.support.Nodes;
import net.hosting.accounttransfer.support.Records;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 5 of the fault suite (P3): AT_RENEWAL transfers whose renewal timers all fall due in the same instant,
 * set through Camunda's API, drained by two nodes: every recipient is billed exactly once, and the time to drain
 * is printed with its linear extrapolation to 10,000.
 */
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
        awaitRenewalTimers(management, Duration.ofMinutes(20));
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
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
        FaultChecks.Staff staff = new FaultChecks.Staff(management, CLUSTER.node(0).getBean(RuntimeService.class));
        Duration drain = FaultChecks.awaitDrained(jdbc, staff, Duration.ofMinutes(30));

        assertThat(FaultChecks.count(jdbc.queryForList("select status from transfer", String.class), status -> status))
                .as("statuses").isEqualTo(Map.of("COMPLETED", (long) TRANSFERS));
        // an offer is mailed only when its job ran before the acceptance; those mailed must have arrived once too
        List<String> mails = new ArrayList<>(jdbc.queryForList(
                "select idempotency_key from sent_mail where idempotency_key like '%:offer:recipient'", String.class));
        int offers = mails.size();
        List<String> documents = new ArrayList<>();
        for (UUID id : ids) {
            String prefix = "transfer:" + id + ":";
            mails.addAll(List.of(prefix + "accepted-at-renewal:sender",
                    prefix + "accepted-at-renewal:recipient", prefix + "billed-at-renewal:recipient"));
            documents.add(prefix + "renewal-invoice");
        }
        int mailsFound = FaultChecks.assertMailedExactlyOnce(jdbc, new Mailbox(), mails);
        int documentsFound = FaultChecks.assertDocumentsExactlyOnce(jdbc, documents);
        // billed exactly once: each recipient subscription has one invoice for its next period, and is in it now
        assertThat(jdbc.queryForObject("""
                select count(*) from subscription s
                where s.status = 'ACTIVE' and s.payer_id in (select recipient_id from transfer)
                  and (select count(*) from invoice i where i.subscription_id = s.id and i.kind = 'INVOICE'
                       and i.period_start = s.current_period_start and i.period_end = s.current_period_end) = 1
                """, Integer.class)).as("recipient subscriptions renewed and invoiced once").isEqualTo(TRANSFERS);
        Records.assertDocumentNumbersWithoutGap(jdbc);
        assertThat(staff.incidents()).as("incidents").isZero();

        Map<String, Long> burstJobs = new java.util.TreeMap<>();
        jdbc.queryForList("select hostname_, count(*) as jobs from act_hi_job_log where job_state_ = 2"
                + " and timestamp_ >= ? group by hostname_", Timestamp.from(due))
                .forEach(row -> burstJobs.put((String) row.get("hostname_"), ((Number) row.get("jobs")).longValue()));
        assertThat(burstJobs).as("both nodes drained the burst").hasSize(2);
        double perTransfer = drain.toMillis() / 1000.0 / TRANSFERS;
        FaultChecks.printSummary("AT_RENEWAL burst on two nodes", TRANSFERS,
                TRANSFERS + " renewal timers due in one instant", FaultChecks.retries(jdbc), drain, mails.size(),
                mailsFound, documents.size(), documentsFound, String.format(
                        "seeded in=%.1f s (offers mailed before acceptance=%d) burst jobs by node=%s"
                        + " extrapolated to 10,000=%.0f s", seeded.toMillis() / 1000.0, offers, burstJobs, perTransfer * 10_000));
    }

    private static void awaitRenewalTimers(ManagementService management, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (management.createJobQuery().activityId(RENEWAL_TIMER).timers().count() < TRANSFERS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every transfer reached its renewal timer within " + atMost);
            }
            Thread.sleep(500);
        }
    }

    private static Party party(Profile profile) {
        return new Party(profile, Nodes.api(CLUSTER.node(0)).as(profile.email(), Fixtures.PASSWORD),
                Nodes.api(CLUSTER.node(1)).as(profile.email(), Fixtures.PASSWORD));
    }
}
