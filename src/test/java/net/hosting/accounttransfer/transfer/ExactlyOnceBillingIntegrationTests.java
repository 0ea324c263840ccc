package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.TransfersByApi;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.billing.WhileAnotherHolds;

/**
 * B6: every charge and refund is issued once, whether its step runs twice, races itself, or is retried by the
 * engine after its work was committed but before its job completed (a crash between the two).
 */
class ExactlyOnceBillingIntegrationTests extends FixedDateIntegrationTest {

    private static final String PROCESS = "AccountTransfer";
    /** A €9.99 month [2028-02-14, 2028-03-14), 29 days long, of which 14 are left on {@link #TODAY}. */
    private static final LocalDate ANCHOR = LocalDate.parse("2028-02-14");

    @Autowired
    TransferSteps steps;

    @Autowired
    TransferBilling billing;

    @Autowired
    TransferService transfers;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    BillingCalendar calendar;

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void immediateBillingRunTwiceRacedAndRetriedAfterACommitIssuesOneInvoiceAndOneCreditNote() {
        Profile sender = fixtures.customer("Sam", Profile.Language.EN);
        Profile recipient = fixtures.customer("Rita", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, ANCHOR);
        BillingPeriod paid = subscriptions.findActiveByAccount(account.id()).orElseThrow().currentPeriod();
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        Api asRecipient = api.as(recipient.email(), Fixtures.PASSWORD);

        List<JobDefinition> held = hold("Task_InvoiceRecipient");
        UUID id;
        Job invoiceJob;
        try {
            id = TransfersByApi.start(asSender, account.name(), recipient.email(), "IMMEDIATE");
            TransfersByApi.accept(asRecipient, id);
            invoiceJob = awaitJob(id, "Task_InvoiceRecipient");
            assertThat(invoiceJob.isSuspended()).as("the engine has not billed anything yet").isTrue();
            Transfer transfer = transfers.get(id, sender.id());

            // the invoice step races itself: the second run waits for the first and finds its invoice
            WhileAnotherHolds.Race<Object, Object> invoiceRace = WhileAnotherHolds.race(transaction, jdbc,
                    () -> { steps.invoiceRecipient(id); return null; },
                    () -> { steps.invoiceRecipient(id); return null; });
            assertThat(invoiceRace.secondWaited()).isTrue();
            invoiceRace.first().orThrow();
            invoiceRace.second().orThrow();
            // and runs twice more, one after the other
            steps.invoiceRecipient(id);
            steps.invoiceRecipient(id);

            // the refund races itself below the transfer's row lock, where only the ledger keeps it single
            WhileAnotherHolds.Race<Optional<Invoice>, Optional<Invoice>> refundRace = WhileAnotherHolds.race(
                    transaction, jdbc, () -> billing.refundUnusedDays(transfer), () -> billing.refundUnusedDays(transfer));
            assertThat(refundRace.secondWaited()).isTrue();
            assertThat(refundRace.second().orThrow().orElseThrow().id())
                    .isEqualTo(refundRace.first().orThrow().orElseThrow().id());
            steps.refundSender(id);
            steps.refundSender(id);
        } finally {
            release(held);
        }

        // both documents are committed while the engine's job never completed: what a crash between the two
        // leaves behind; the engine now runs the job again, and the rest of the process after it
        runJob(invoiceJob);
        awaitEnd(invoiceJob.getProcessInstanceId());
        TransfersByApi.awaitStatus(asSender, id, "COMPLETED");
        // and a whole second run of the billing jobs, as an operator restarting them from Cockpit would cause
        rerunFrom(id, "Task_InvoiceRecipient");

        assertThat(calendar.dateOf(transfers.get(id, sender.id()).decidedAt())).isEqualTo(TODAY);
        assertThat(documents("transfer:" + id + ":recipient-invoice")).singleElement().satisfies(invoice -> {
            assertThat(invoice.get("kind")).isEqualTo("INVOICE");
            assertThat(invoice.get("profile_id")).isEqualTo(recipient.id());
            // 9.99 net + 1.998 → 2.00 VAT
            assertThat(invoice.get("net")).isEqualTo(new BigDecimal("9.99"));
            assertThat(invoice.get("amount")).isEqualTo(new BigDecimal("11.99"));
            assertThat(invoice.get("period_start").toString()).isEqualTo("2028-02-29");
            assertThat(invoice.get("period_end").toString()).isEqualTo("2028-03-29");
        });
        assertThat(documents("transfer:" + id + ":sender-refund")).singleElement().satisfies(credit -> {
            assertThat(credit.get("kind")).isEqualTo("CREDIT_NOTE");
            assertThat(credit.get("profile_id")).isEqualTo(sender.id());
            // B4: 9.99 × 14 / 29 = 4.8228 → 4.82 net, over [2028-02-29, 2028-03-14); V4: 0.964 → 0.96 VAT
            assertThat(credit.get("net")).isEqualTo(new BigDecimal("4.82"));
            assertThat(credit.get("vat")).isEqualTo(new BigDecimal("0.96"));
            assertThat(credit.get("amount")).isEqualTo(new BigDecimal("5.78"));
            assertThat(credit.get("period_start").toString()).isEqualTo("2028-02-29");
            assertThat(credit.get("period_end").toString()).isEqualTo(paid.end().toString());
            assertThat(credit.get("refunded_at")).isNotNull();
        });
        assertThat(jdbc.queryForObject("select count(*) from invoice where account_id = ?", Long.class, account.id()))
                .as("the fixture's invoice, the recipient's invoice and the sender's credit note, nothing else")
                .isEqualTo(3);
        assertThat(mailbox.to(sender.email())).filteredOn(mail -> mail.subject().contains("completed")).hasSize(1);
    }

    @Test
    void renewalBillingRacedAndRetriedInvoicesTheNextPeriodOnceAndRenewsTheSubscriptionOnce() {
        Profile sender = fixtures.customer("Sid", Profile.Language.EN);
        Profile recipient = fixtures.customer("Rosa", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, ANCHOR);
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);

        UUID id = TransfersByApi.start(asSender, account.name(), recipient.email(), "AT_RENEWAL");
        TransfersByApi.accept(api.as(recipient.email(), Fixtures.PASSWORD), id);
        Job timer = awaitJob(id, "TimerEvent_RenewalDate");
        Transfer transfer = transfers.get(id, sender.id());
        // T11: the recipient keeps the old renewal date, and nothing is billed before it
        assertThat(subscriptions.findById(transfer.recipientSubscriptionId()).orElseThrow().currentPeriod())
                .isEqualTo(new BillingPeriod(TODAY, LocalDate.parse("2028-03-14")));
        assertThat(documents("transfer:" + id + ":renewal-invoice")).isEmpty();

        WhileAnotherHolds.Race<Optional<Invoice>, Optional<Invoice>> race = WhileAnotherHolds.race(transaction, jdbc,
                () -> billing.invoiceRenewal(transfer), () -> billing.invoiceRenewal(transfer));
        assertThat(race.secondWaited()).isTrue();
        assertThat(race.second().orThrow().orElseThrow().id()).isEqualTo(race.first().orThrow().orElseThrow().id());
        steps.invoiceRenewal(id);
        steps.invoiceRenewal(id);
        // the renewal date arrives: the engine runs the billing job as well
        runJob(timer);
        awaitEnd(timer.getProcessInstanceId());
        TransfersByApi.awaitStatus(asSender, id, "COMPLETED");

        BillingPeriod next = new BillingPeriod(LocalDate.parse("2028-03-14"), LocalDate.parse("2028-04-14"));
        assertThat(documents("transfer:" + id + ":renewal-invoice")).singleElement().satisfies(invoice -> {
            assertThat(invoice.get("profile_id")).isEqualTo(recipient.id());
            assertThat(invoice.get("net")).isEqualTo(new BigDecimal("9.99"));
            assertThat(invoice.get("amount")).isEqualTo(new BigDecimal("11.99"));
            assertThat(invoice.get("period_start").toString()).isEqualTo(next.start().toString());
            assertThat(invoice.get("period_end").toString()).isEqualTo(next.end().toString());
        });
        assertThat(subscriptions.findById(transfer.recipientSubscriptionId()).orElseThrow().currentPeriod())
                .as("renewed once, not once per run").isEqualTo(next);
        assertThat(jdbc.queryForObject("select count(*) from invoice where account_id = ? and kind = 'CREDIT_NOTE'",
                Long.class, account.id())).as("AT_RENEWAL refunds nothing").isZero();
        assertThat(transfers.get(id, sender.id()).status()).isEqualTo(TransferStatus.COMPLETED);
    }

    private List<java.util.Map<String, Object>> documents(String key) {
        return jdbc.queryForList("select * from invoice where idempotency_key = ?", key);
    }

    /** New jobs of a suspended job definition are created suspended, so the engine leaves them to the test. */
    private List<JobDefinition> hold(String activityId) {
        List<JobDefinition> definitions = management.createJobDefinitionQuery().processDefinitionKey(PROCESS)
                .activityIdIn(activityId).list();
        assertThat(definitions).isNotEmpty();
        definitions.forEach(definition -> management.suspendJobDefinitionById(definition.getId()));
        return definitions;
    }

    private void release(List<JobDefinition> held) {
        held.forEach(definition -> management.activateJobDefinitionById(definition.getId(), true));
    }

    private Job awaitJob(UUID transfer, String activityId) {
        String processInstance = processInstanceOf(transfer);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(processInstance).activityId(activityId).count() == 1);
        return management.createJobQuery().processInstanceId(processInstance).activityId(activityId).singleResult();
    }

    /** The running instance of the transfer's process, found by business key, which staff search by too. */
    private String processInstanceOf(UUID transfer) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(PROCESS).processInstanceBusinessKey(transfer.toString()).count() == 1);
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(transfer.toString()).singleResult().getId();
    }

    /** Runs a job now; if the job executor took it first, its run is the one that counts. */
    private void runJob(Job job) {
        management.activateJobById(job.getId());
        try {
            management.executeJob(job.getId());
        } catch (OptimisticLockingException ignored) {
            // the executor ran it at the same moment and won
        }
    }


    /** Waits for the instance to end, and says why at once when one of its jobs fails instead. */
    private void awaitEnd(String processInstance) {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Job failed = management.createJobQuery().processInstanceId(processInstance).withException().list()
                    .stream().findFirst().orElse(null);
            if (failed != null) {
                throw new AssertionError("job " + failed.getId() + " failed: " + failed.getExceptionMessage());
            }
            return runtime.createProcessInstanceQuery().processInstanceId(processInstance).count() == 0;
        });
    }

    /** Starts the process again just before {@code activityId}, as if its jobs were run a second time. */
    private void rerunFrom(UUID transfer, String activityId) {
        String again = runtime.createProcessInstanceByKey(PROCESS).businessKey(transfer.toString())
                .setVariable("transferId", transfer.toString())
                .startBeforeActivity(activityId)
                .execute().getId();
        awaitEnd(again);
    }
}
