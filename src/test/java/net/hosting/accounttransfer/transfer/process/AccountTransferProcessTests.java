package net.hosting.accounttransfer.transfer.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Taxed;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import net.hosting.accounttransfer.support.Mailbox.Mail;
import net.hosting.accounttransfer.support.MinimalSmtpServer;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferService;
import net.hosting.accounttransfer.transfer.TransferStatus;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.test.context.TestPropertySource;

/**
 * Every path of processes/account-transfer.bpmn on the real application (delegates, PostgreSQL, SMTP), with the
 * job executor off so that each test steps the asynchronous continuations and timers itself. On the clock of
 * {@link FixedDateIntegrationTest}, every transfer is accepted on {@link #TODAY}, 2028-02-29.
 */
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
class AccountTransferProcessTests extends FixedDateIntegrationTest {

    private static final String PRICE = "9.99";
    /** The sender's paid month, [2028-02-19, 2028-03-19): 29 days, of which 19 are left on {@link #TODAY}. */
    private static final BillingPeriod SENDERS_MONTH = period("2028-02-19", "2028-03-19");
    /** B4: 9.99 × 19 / 29 = 6.5452 → 6.55 net, V4: 1.31 VAT at 20%, 7.86 refunded for [2028-02-29, 2028-03-19). */
    private static final Money REFUND = Money.euros("7.86");
    private static final BillingPeriod REFUNDED_DAYS = period("2028-02-29", "2028-03-19");
    /** IMMEDIATE (T10): the recipient's fresh month from the acceptance date. */
    private static final BillingPeriod RECIPIENTS_MONTH = period("2028-02-29", "2028-03-29");

    @Autowired ProcessEngine processEngine;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired TransferService transfers;
    @Autowired AccountRepository accounts;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired InvoiceRepository invoices;
    @Autowired ProcessVersionMigration migration;
    @Autowired net.hosting.accounttransfer.transfer.TransferSteps transferSteps;

    private Profile sender;
    private Profile recipient;
    private Account account;

    @BeforeEach
    void engineAndParties() {
        BpmnAwareTests.init(processEngine);
        sender = fixtures.customer("Sender", Profile.Language.EN);
        recipient = fixtures.customer("Recipient", Profile.Language.EN);
        account = fixtures.paidAccount(sender, PRICE, BillingCycle.MONTHLY, SENDERS_MONTH.start());
    }

    @AfterEach
    void forgetEngine() {
        BpmnAwareTests.reset();
    }

    @Test
    void acceptImmediateInvoicesRecipientRefundsSenderAndMailsBoth() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        assertThat(subscriptions.findById(started.senderSubscriptionId()).orElseThrow().currentPeriod())
                .isEqualTo(SENDERS_MONTH);

        offerMailed(pi, started);
        int billingModeRevision = billingModeRevision(pi);

        transfers.accept(started.id(), recipient.id(), actor(recipient));

        assertThat(transfer(started).status()).isEqualTo(TransferStatus.ACCEPTED);
        assertOwnershipMoved(started, RECIPIENTS_MONTH);
        // every variable write is a history row (or its update): the decision stays in the record, the hand-over
        // rewrites nothing
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(TransferProcess.DECISION).count()).isZero();
        assertThat(billingModeRevision(pi)).isEqualTo(billingModeRevision);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_InvoiceRecipient")
                .hasPassed("UserTask_AcceptTransfer", "Task_TransferOwnership");

        // the invoice and the refund are one step: one job, one transaction
        execute(job("Task_InvoiceRecipient", pi));
        Invoice invoice = single(invoicesOf(recipient));
        assertThat(invoice.kind()).isEqualTo(Invoice.Kind.INVOICE);
        // V1: the price is the net; 9.99 × 20% = 1.998 → 2.00 VAT for a French recipient
        assertThat(invoice.amounts()).isEqualTo(Taxed.domestic(PRICE, "2.00"));
        assertThat(invoice.servicePeriod()).isEqualTo(RECIPIENTS_MONTH);
        assertThat(invoice.subscriptionId()).isEqualTo(transfer(started).recipientSubscriptionId());
        assertThat(invoice.billedTo().email()).isEqualTo(recipient.email());
        Invoice creditNote = invoicesOf(sender).stream().filter(i -> i.kind() == Invoice.Kind.CREDIT_NOTE)
                .collect(single());
        assertThat(creditNote.amount()).isEqualTo(REFUND);
        assertThat(creditNote.servicePeriod()).isEqualTo(REFUNDED_DAYS);
        assertThat(creditNote.refundedAt()).isNotNull();
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(transfer(started).completedAt()).isNotNull();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyTransferCompleted");

        executeBothMails(pi, "Task_NotifyTransferCompleted");

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("Task_InvoiceRecipient", "Task_RefundSender", "Task_CompleteTransfer",
                        "Task_NotifyTransferCompleted")
                .hasNotPassed("Task_NotifyPreviousPayer", "Task_NotifyAcceptedAtRenewal", "TimerEvent_RenewalDate")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferCompleted");
        Mail toSender = onlyMail(sender.email(), "Transfer of account " + account.name() + " completed");
        assertThat(toSender.text()).contains(creditNote.number(), "€7.86", "€6.55", "€1.31", started.id().toString());
        Mail toRecipient = onlyMail(recipient.email(), "Transfer of account " + account.name() + " completed");
        assertThat(toRecipient.text()).contains(invoice.number(), "€11.99", "€" + PRICE, started.id().toString());
        assertThat(mailbox.to(sender.email())).as("the sender paid the period: no mail as a previous payer").hasSize(1);
    }

    @Test
    void handedOnImmediatelyAfterAtRenewalRefundsAndMailsThePreviousPayerOnce() {
        Profile third = fixtures.customer("Third", Profile.Language.FR);
        Transfer first = start(BillingMode.AT_RENEWAL);
        ProcessInstance firstPi = processOf(first);
        offerMailed(firstPi, first);
        transfers.accept(first.id(), recipient.id(), actor(recipient));
        executeBothMails(firstPi, "Task_NotifyAcceptedAtRenewal");
        BpmnAwareTests.assertThat(firstPi).isWaitingAt("TimerEvent_RenewalDate");

        Transfer second = transfers.start(recipient.id(),
                new TransferService.StartRequest(account.name(), third.email(), BillingMode.IMMEDIATE), null,
                actor(recipient)).transfer();
        ProcessInstance pi = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(second.id().toString()).singleResult();
        execute(job("Task_NotifyRecipient", pi));
        transfers.accept(second.id(), third.id(), actor(third));
        execute(job("Task_InvoiceRecipient", pi));
        executeBothMails(pi, "Task_NotifyTransferCompleted");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyPreviousPayer");
        execute(job("Task_NotifyPreviousPayer", pi));

        BpmnAwareTests.assertThat(pi).hasPassedInOrder("Task_RefundSender", "Task_NotifyTransferCompleted",
                "Task_NotifyPreviousPayer").isEnded();
        assertEndedAt(pi, "EndEvent_TransferCompleted");
        Invoice creditNote = invoicesOf(sender).stream().filter(i -> i.kind() == Invoice.Kind.CREDIT_NOTE)
                .collect(single());
        // B9: the sender paid the month, so the sender gets the days the third party now pays for
        assertThat(creditNote.amount()).isEqualTo(REFUND);
        assertThat(creditNote.servicePeriod()).isEqualTo(REFUNDED_DAYS);
        assertThat(invoicesOf(recipient)).as("B9: the sender of the second transfer paid nothing, gets nothing")
                .isEmpty();
        Mail toPayer = onlyMail(sender.email(), "Account " + account.name() + ": unused days refunded");
        assertThat(toPayer.text()).contains(creditNote.number(), "€7.86", "€6.55", "19 unused days");
        // a period reads by its first and last day, both inclusive, as on the history page and the credit note
        assertThat(toPayer.text()).contains("from February 29, 2028 to March 18, 2028");
        assertThat(onlyMail(recipient.email(), "Transfer of account " + account.name() + " completed").text())
                .contains("refunded to them, not to you");
        assertThat(onlyMail(third.email(), "Cession du compte " + account.name() + " terminée").text())
                .contains("€", "9,99");

        // the first transfer's renewal finds its recipient's subscription closed: nothing more is billed
        execute(job("TimerEvent_RenewalDate", firstPi));
        execute(job("Task_InvoiceRecipientAtRenewal", firstPi));
        assertThat(invoicesOf(recipient)).isEmpty();
    }

    @Test
    void acceptAtRenewalWaitsForTheRenewalDateInParisThenInvoicesTheNextPeriod() {
        Transfer started = start(BillingMode.AT_RENEWAL);
        ProcessInstance pi = processOf(started);

        offerMailed(pi, started);
        transfers.accept(started.id(), recipient.id(), actor(recipient));

        // T11: the recipient holds the account from today to the sender's renewal date, paid by the sender
        Subscription recipientSubscription = assertOwnershipMoved(started, period("2028-02-29", "2028-03-19"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyAcceptedAtRenewal");

        executeBothMails(pi, "Task_NotifyAcceptedAtRenewal");
        onlyMail(sender.email(), "Transfer of account " + account.name() + " accepted");
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " accepted");

        BpmnAwareTests.assertThat(pi).isWaitingAt("TimerEvent_RenewalDate")
                .hasPassedInOrder("Task_TransferOwnership", "Task_ScheduleRenewalInvoice", "Task_NotifyAcceptedAtRenewal")
                .variables().containsEntry("billingMode", "AT_RENEWAL");
        Job timer = job("TimerEvent_RenewalDate", pi);
        // midnight in Paris on 2028-03-19, still winter time (CET, UTC+1)
        Instant midnightInParis = Instant.parse("2028-03-18T23:00:00Z");
        assertThat(timer.getDuedate().toInstant()).isEqualTo(midnightInParis);
        assertThat(((java.util.Date) runtimeService.getVariable(pi.getId(), TransferProcess.RENEWAL_DATE)).toInstant())
                .as("searchable in Cockpit").isEqualTo(midnightInParis);
        assertThat(invoicesOf(recipient)).as("nothing is billed before the renewal date").isEmpty();
        assertThat(invoicesOf(sender)).as("AT_RENEWAL refunds nothing").hasSize(1);
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.ACCEPTED);

        execute(timer);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_InvoiceRecipientAtRenewal");
        execute(job("Task_InvoiceRecipientAtRenewal", pi));

        // B3: the period after the renewal is counted from the anchor, [anchor + 1 month, anchor + 2 months)
        BillingPeriod next = period("2028-03-19", "2028-04-19");
        Invoice invoice = single(invoicesOf(recipient));
        assertThat(invoice.kind()).isEqualTo(Invoice.Kind.INVOICE);
        // V1: the price is the net; 9.99 × 20% = 1.998 → 2.00 VAT for a French recipient
        assertThat(invoice.amounts()).isEqualTo(Taxed.domestic(PRICE, "2.00"));
        assertThat(invoice.servicePeriod()).isEqualTo(next);
        assertThat(subscriptions.findById(recipientSubscription.id()).orElseThrow().currentPeriod()).isEqualTo(next);
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.COMPLETED);

        execute(job("Task_NotifyRecipientBilled", pi));

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("Task_NotifyAcceptedAtRenewal", "TimerEvent_RenewalDate",
                        "Task_InvoiceRecipientAtRenewal", "Task_CompleteTransferAtRenewal", "Task_NotifyRecipientBilled")
                .hasNotPassed("Task_InvoiceRecipient", "Task_RefundSender", "Task_CompleteTransfer")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferCompleted");
        assertThat(onlyMail(recipient.email(), "Account " + account.name() + ": renewal invoiced").text())
                .contains(invoice.number(), "€" + PRICE);
        assertThat(mailbox.to(sender.email())).hasSize(1);
    }

    @Test
    void aTransferAcceptedOnTheVersionBeforeIssue12MovesOntoTheDeployedOneAndCompletesByItsStep() throws Exception {
        ProcessDefinition deployed = latestDefinition();
        ProcessDefinition before = deploy("processes-before-issue-12/account-transfer.bpmn");
        ProcessInstance pi;
        Transfer started;
        try {
            started = start(BillingMode.AT_RENEWAL);
            pi = processOf(started);
            assertThat(pi.getProcessDefinitionId()).isEqualTo(before.getId());
            offerMailed(pi, started);
            transfers.accept(started.id(), recipient.id(), actor(recipient));
            // what that version's hand-over set, and the code no longer sets there
            runtimeService.setVariable(pi.getId(), TransferProcess.RENEWAL_DATE,
                    java.util.Date.from(transferSteps.renewalInstant(started.id())));
            BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyBillingScheduled");
        } finally {
            // the code's own version is the newest again, as after an upgrade
            deploy("processes/account-transfer.bpmn");
        }
        ProcessDefinition upgraded = latestDefinition();
        assertThat(upgraded.getVersion()).isGreaterThan(deployed.getVersion());

        migration.onStart();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getProcessDefinitionId()).as("a start moves nothing until staff switch the migration on")
                .isEqualTo(before.getId());
        assertThat(migration.onOlderVersions()).as("what the start logs for staff").isPositive();

        assertThat(migration.migrateToLatest()).as("this one, and any an earlier test left running").isPositive();

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(upgraded.getId());
        // the renamed task's queued mails, now served by its one delegate
        executeBothMails(pi, "Task_NotifyAcceptedAtRenewal");
        onlyMail(sender.email(), "Transfer of account " + account.name() + " accepted");
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " accepted");
        execute(job("TimerEvent_RenewalDate", pi));
        execute(job("Task_InvoiceRecipientAtRenewal", pi));
        assertThat(transfer(started).status()).as("completed by its own step, which the old version lacked")
                .isEqualTo(TransferStatus.COMPLETED);
        execute(job("Task_NotifyRecipientBilled", pi));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_CompleteTransferAtRenewal").isEnded();
        assertThat(single(invoicesOf(recipient)).kind()).isEqualTo(Invoice.Kind.INVOICE);
    }

    @Test
    void aTransferHalfWayThroughTheOldOneStepPerPartyMailsMovesOntoTheOneStepAndMailsOnlyTheRecipient()
            throws Exception {
        ProcessDefinition before = deploy("processes-before-issue-20/account-transfer.bpmn");
        ProcessInstance pi;
        Transfer started;
        try {
            started = start(BillingMode.IMMEDIATE);
            pi = processOf(started);
            assertThat(pi.getProcessDefinitionId()).isEqualTo(before.getId());
            offerMailed(pi, started);
            transfers.accept(started.id(), recipient.id(), actor(recipient));
            execute(job("Task_InvoiceRecipient", pi));
            // the old version's first instance of the multi-instance: the sender's mail, by loop index
            execute(job("Task_NotifyTransferCompleted", pi));
            onlyMail(sender.email(), "Transfer of account " + account.name() + " completed");
            assertThat(mailbox.to(recipient.email())).as("only the offer so far").hasSize(1);
        } finally {
            deploy("processes/account-transfer.bpmn");
        }
        ProcessDefinition upgraded = latestDefinition();

        assertThat(migration.migrateToLatest()).isPositive();

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(upgraded.getId());
        executeBothMails(pi, "Task_NotifyTransferCompleted");
        BpmnAwareTests.assertThat(pi).isEnded();
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " completed");
        // the sender had its mail before the move, and not again
        onlyMail(sender.email(), "Transfer of account " + account.name() + " completed");
    }

    @Test
    void aStartWritesTheTransferRowOnceWithItsProcessInstance() {
        org.springframework.jdbc.core.JdbcTemplate sql = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        // PostgreSQL's per-transaction counters may still hold what earlier transactions of the same connection wrote
        // (they are flushed at most once a second), but never move on their own inside a transaction: the difference
        // of two readings in the start's own transaction is what the start wrote
        String counts = "select array[coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0)]"
                + " from pg_stat_xact_user_tables where relname = 'transfer'";
        long[] written = new org.springframework.transaction.support.TransactionTemplate(transactionManager).execute(
                status -> {
                    Long[] before = sql.queryForObject(counts, (row, i) -> longs(row.getArray(1).getArray()));
                    start(BillingMode.IMMEDIATE);
                    Long[] after = sql.queryForObject(counts, (row, i) -> longs(row.getArray(1).getArray()));
                    return new long[] {after[0] - before[0], after[1] - before[1]};
                });
        assertThat(written).as("rows inserted, updated").containsExactly(1L, 0L);
    }

    private static Long[] longs(Object array) {
        return java.util.Arrays.stream((Object[]) array).map(n -> ((Number) n).longValue()).toArray(Long[]::new);
    }

    @Test
    void declineWithAReasonMailsTheSenderAndLeavesTheAccountAlone() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);

        transfers.decline(started.id(), recipient.id(), "  Not the right plan for me  ", actor(recipient));

        assertThat(transfer(started).status()).isEqualTo(TransferStatus.DECLINED);
        assertThat(transfer(started).declineReason()).isEqualTo("Not the right plan for me");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifySenderDeclined");
        execute(job("Task_NotifySenderDeclined", pi));

        BpmnAwareTests.assertThat(pi)
                // the terminate end event and its sub-process end in the same instant, so their order is not asserted
                .hasPassed("SubProcess_OfferPending")
                .hasPassedInOrder("UserTask_AcceptTransfer", "Task_NotifySenderDeclined")
                .hasNotPassed("Task_TransferOwnership")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferDeclined");
        assertAccountUnchanged(started);
        assertThat(onlyMail(sender.email(), "Transfer of account " + account.name() + " declined").text())
                .contains("Not the right plan for me", recipient.email(), started.id().toString());
        assertThat(mailbox.to(recipient.email())).as("only the offer").hasSize(1);
    }

    @Test
    void theDecisionGatewaysDefaultFlowHandsNothingOverForATransferThatWasNotAccepted() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);
        String task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();

        // a decision the transfer record never took (staff completing the task in Tasklist) takes the default flow
        assertThatThrownBy(() -> taskService.complete(task,
                java.util.Map.of(TransferProcess.DECISION, "MAYBE")))
                .hasMessageContaining("is PENDING, not ACCEPTED");

        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer").hasNotPassed("Task_TransferOwnership");
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.PENDING);
        assertAccountUnchanged(started);
    }

    @Test
    void cancelWhilePendingEndsTheProcessAndMailsTheRecipient() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);

        transfers.cancel(started.id(), sender.id(), actor(sender));

        assertThat(transfer(started).status()).isEqualTo(TransferStatus.CANCELLED);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipientCancelled");
        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count())
                .as("the reminder and expiry timers went with the interrupted sub-process").isZero();
        execute(job("Task_NotifyRecipientCancelled", pi));

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("BoundaryEvent_TransferCancelled", "Task_NotifyRecipientCancelled")
                .hasPassed("UserTask_AcceptTransfer")
                .hasNotPassed("Task_TransferOwnership", "Task_NotifySenderDeclined")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferCancelled");
        assertAccountUnchanged(started);
        assertThat(onlyMail(recipient.email(), "Transfer of account " + account.name() + " cancelled").text())
                .contains(sender.email(), started.id().toString());
        assertThat(mailbox.to(sender.email())).isEmpty();
    }

    @Test
    void expiryRemindsTheRecipientFirstThenExpiresTheTransferAndMailsBoth() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);

        Job reminder = job("BoundaryEvent_ReminderDue", pi);
        Job expiry = job("BoundaryEvent_OfferExpired", pi);
        Transfer pending = transfer(started);
        Instant expiresAt = pending.expiresAt();
        assertThat(Duration.between(pending.createdAt(), expiresAt)).as("transfer.expiry").isEqualTo(Duration.ofDays(14));
        assertThat(reminder.getDuedate().toInstant()).isEqualTo(expiresAt.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS));
        assertThat(expiry.getDuedate().toInstant()).isEqualTo(expiresAt.truncatedTo(ChronoUnit.MILLIS));
        assertThat(reminder.getDuedate()).isBefore(expiry.getDuedate());
        assertThat(((java.util.Date) runtimeService.getVariable(pi.getId(), TransferProcess.EXPIRES_AT)).toInstant())
                .as("searchable in Cockpit").isEqualTo(expiresAt.truncatedTo(ChronoUnit.MILLIS));

        execute(reminder);
        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer", "Task_RemindRecipient");
        execute(job("Task_RemindRecipient", pi));

        Mail reminderMail = onlyMail(recipient.email(), "Reminder: account " + account.name() + " awaits your answer");
        assertThat(reminderMail.link()).startsWith(PUBLIC_URL + "/transfers/" + started.id() + "?token=");
        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer")
                .hasPassed("BoundaryEvent_ReminderDue", "Task_RemindRecipient");
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.PENDING);

        execute(job("BoundaryEvent_OfferExpired", pi));
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.EXPIRED);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyTransferExpired");
        executeBothMails(pi, "Task_NotifyTransferExpired");

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("BoundaryEvent_OfferExpired", "Task_ExpireTransfer", "Task_NotifyTransferExpired")
                .hasNotPassed("Task_TransferOwnership", "Task_NotifySenderDeclined")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferExpired");
        assertAccountUnchanged(started);
        onlyMail(sender.email(), "Transfer of account " + account.name() + " expired");
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " expired");
        assertThat(mailbox.to(recipient.email())).as("offer, reminder, expired").hasSize(3);
    }

    @Test
    void aReminderStillQueuedWhenTheRecipientAcceptsIsNotSent() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);

        // the reminder is due, but its mail step has not run yet (a busy executor, or SMTP retries)
        execute(job("BoundaryEvent_ReminderDue", pi));
        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer", "Task_RemindRecipient");
        transfers.accept(started.id(), recipient.id(), actor(recipient));

        // the non-interrupting branch outlives the user task, so its job still runs
        execute(job("Task_RemindRecipient", pi));
        execute(job("Task_InvoiceRecipient", pi));
        executeBothMails(pi, "Task_NotifyTransferCompleted");

        BpmnAwareTests.assertThat(pi).hasPassed("Task_RemindRecipient").isEnded();
        assertThat(mailbox.to(recipient.email())).extracting(Mail::subject).as("no reminder of an accepted offer")
                .containsExactlyInAnyOrder("Account " + account.name() + " is offered to you",
                        "Transfer of account " + account.name() + " completed");
    }

    @Test
    void aMailStepThatKeepsFailingBecomesAnIncidentAndMailsOnceWhenStaffRetryIt() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        String jobId = job("Task_NotifyRecipient", pi).getId();
        String offerSubject = "Account " + account.name() + " is offered to you";

        SMTP.stop();
        try {
            int failures = 0;
            while (managementService.createJobQuery().jobId(jobId).singleResult().getRetries() > 0 && failures < 10) {
                // the engine dates its retries on its own clock, the real one, not on the application's
                Instant before = Instant.now();
                assertThatThrownBy(() -> managementService.executeJob(jobId)).satisfies(AccountTransferProcessTests::isMailFailure);
                failures++;
                Job failed = managementService.createJobQuery().jobId(jobId).singleResult();
                if (failed.getRetries() > 0) {
                    // transfer.retry-cycle=R3/PT1S: the next attempt is due one second after the failure
                    assertThat(failed.getDuedate().toInstant())
                            .isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS).plusSeconds(1))
                            .isBeforeOrEqualTo(Instant.now().plusSeconds(1));
                }
            }
            assertThat(failures).as("attempts allowed by R3").isEqualTo(3);

            Incident incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
            assertThat(incident).isNotNull();
            assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            assertThat(incident.getActivityId()).isEqualTo("Task_NotifyRecipient");
            assertThat(incident.getConfiguration()).isEqualTo(jobId);
            assertThat(managementService.createJobQuery().jobId(jobId).withException().count()).isEqualTo(1);
            // the offer is still open beside the failing mail: the recipient can decide and the timers run
            BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipient", "UserTask_AcceptTransfer");
            assertThat(job("BoundaryEvent_OfferExpired", pi)).isNotNull();
        } finally {
            startSmtpIfStopped();
        }
        assertThat(mailbox.to(recipient.email())).as("no mail while SMTP was down").isEmpty();

        // what staff do in Cockpit once the fault is gone: give the job one more try
        managementService.setJobRetries(jobId, 1);
        execute(managementService.createJobQuery().jobId(jobId).singleResult());

        onlyMail(recipient.email(), offerSubject);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(historyService.createHistoricIncidentQuery().processInstanceId(pi.getId()).resolved().count())
                .isEqualTo(1);
        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer").hasPassed("Task_NotifyRecipient");

        // staff run the step once more (Cockpit: start the mail step again in the pending offer): still one mail
        runtimeService.createProcessInstanceModification(pi.getId())
                .startBeforeActivity("Task_NotifyRecipient")
                .execute();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipient", "UserTask_AcceptTransfer");
        execute(job("Task_NotifyRecipient", pi));

        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer");
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        assertThat(mailbox.to(recipient.email())).hasSize(1);
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.PENDING);
    }

    @Test
    void aMailToBothPartiesRefusedForOneIsNeverSentTwiceToTheOther() throws Exception {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);
        execute(job("BoundaryEvent_OfferExpired", pi));

        String jobId;
        List<String> tookDuringOutage;
        SMTP.stop();
        try (MinimalSmtpServer refusing = MinimalSmtpServer.refusing(SMTP_PORT, recipient.email())) {
            // one step: the sender's mail commits on its own before the recipient's is refused
            jobId = job("Task_NotifyTransferExpired", pi).getId();
            assertThatThrownBy(() -> managementService.executeJob(jobId)).satisfies(AccountTransferProcessTests::isMailFailure);
            tookDuringOutage = refusing.delivered();
        } finally {
            startSmtpIfStopped();
        }
        assertThat(tookDuringOutage).as("the sender's mail went out before the recipient's was refused")
                .containsExactly(sender.email());
        assertThat(managementService.createJobQuery().jobId(jobId).singleResult().getRetries()).isEqualTo(2);

        execute(managementService.createJobQuery().jobId(jobId).singleResult());

        BpmnAwareTests.assertThat(pi).isEnded();
        assertEndedAt(pi, "EndEvent_TransferExpired");
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " expired");
        assertThat(mailbox.to(sender.email())).as("the sender already had its mail; the retry must not send it again")
                .isEmpty();
    }

    @Test
    void aMailWhoseStepFailsLaterForAnotherReasonIsNotSentAgainByTheRetry() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        offerMailed(pi, started);
        transfers.decline(started.id(), recipient.id(), null, actor(recipient));
        String jobId = job("Task_NotifySenderDeclined", pi).getId();

        failsAfterItsMailWentOut(jobId);
        String subject = "Transfer of account " + account.name() + " declined";
        onlyMail(sender.email(), subject);

        execute(managementService.createJobQuery().jobId(jobId).singleResult());

        BpmnAwareTests.assertThat(pi).isEnded();
        assertEndedAt(pi, "EndEvent_TransferDeclined");
        assertThat(mailbox.to(sender.email())).as("the retry found the mail's key and did not send it again")
                .extracting(Mail::subject).containsExactly(subject);
    }

    @Test
    void anOfferWhoseStepFailsAfterItWentOutIsMailedAgainWithALinkThatWorks() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        String jobId = job("Task_NotifyRecipient", pi).getId();

        failsAfterItsMailWentOut(jobId);
        String subject = "Account " + account.name() + " is offered to you";
        Mail first = onlyMail(recipient.email(), subject);
        assertThat(transfers.byLink(started.id(), tokenOf(first, started))).as("its token rolled back with the step")
                .isEmpty();

        execute(managementService.createJobQuery().jobId(jobId).singleResult());

        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer");
        List<Mail> offers = mailbox.to(recipient.email());
        assertThat(offers).extracting(Mail::subject).containsExactly(subject, subject);
        assertThat(transfers.byLink(started.id(), tokenOf(offers.get(1), started)))
                .as("the retry mailed a fresh link, which opens the transfer").isPresent();
    }

    /**
     * Runs the job once with its last statement, the engine deleting the finished job, failing: a failure that is
     * not the mail's, after the mail went out. The step rolls back for its retry.
     */
    private void failsAfterItsMailWentOut(String jobId) {
        org.springframework.jdbc.core.JdbcTemplate sql = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        sql.execute("create function fail_finished_job() returns trigger language plpgsql as"
                + " $$ begin raise exception 'the step failed after its mail'; end $$");
        sql.execute("create trigger fail_finished_job before delete on act_ru_job for each row when (old.id_ = '"
                + jobId + "') execute function fail_finished_job()");
        try {
            assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasStackTraceContaining("the step failed after its mail");
        } finally {
            sql.execute("drop trigger fail_finished_job on act_ru_job");
            sql.execute("drop function fail_finished_job()");
        }
        assertThat(managementService.createJobQuery().jobId(jobId).singleResult().getRetries())
                .as("the step rolled back for its retry").isEqualTo(2);
    }

    private static String tokenOf(Mail offer, Transfer transfer) {
        return offer.link().substring((PUBLIC_URL + "/transfers/" + transfer.id() + "?token=").length());
    }

    @Test
    void acceptBeforeTheOfferIsMailedDropsTheQueuedOfferAndCompletesTheTransfer() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipient", "UserTask_AcceptTransfer");

        transfers.accept(started.id(), recipient.id(), actor(recipient));

        assertOwnershipMoved(started, RECIPIENTS_MONTH);
        // the terminate end event took the queued offer mail with it: its link would have been dead on arrival
        assertThat(job("Task_NotifyRecipient", pi)).isNull();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_InvoiceRecipient");
        execute(job("Task_InvoiceRecipient", pi));
        executeBothMails(pi, "Task_NotifyTransferCompleted");

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("UserTask_AcceptTransfer", "Task_TransferOwnership", "Task_InvoiceRecipient",
                        "Task_RefundSender", "Task_CompleteTransfer", "Task_NotifyTransferCompleted")
                .hasNotPassed("Task_NotifyRecipient", "Task_NotifyPreviousPayer")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferCompleted");
        assertThat(transfer(started).status()).isEqualTo(TransferStatus.COMPLETED);
        assertOwnershipMoved(started, RECIPIENTS_MONTH);
        assertThat(invoicesOf(recipient)).hasSize(1);
        assertThat(invoicesOf(sender)).extracting(Invoice::kind)
                .containsExactlyInAnyOrder(Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE);
        onlyMail(sender.email(), "Transfer of account " + account.name() + " completed");
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " completed");
    }

    @Test
    void cancelBeforeTheOfferIsMailedDropsTheQueuedOfferAndTellsTheRecipientOnlyThat() {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipient", "UserTask_AcceptTransfer");

        transfers.cancel(started.id(), sender.id(), actor(sender));

        assertThat(transfer(started).status()).isEqualTo(TransferStatus.CANCELLED);
        assertThat(job("Task_NotifyRecipient", pi)).isNull();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipientCancelled");
        execute(job("Task_NotifyRecipientCancelled", pi));

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("BoundaryEvent_TransferCancelled", "Task_NotifyRecipientCancelled")
                .hasNotPassed("Task_NotifyRecipient", "Task_TransferOwnership", "Task_NotifySenderDeclined")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferCancelled");
        assertAccountUnchanged(started);
        // withdrawn before the offer went out: no offer with a dead link, only the withdrawal (T12)
        onlyMail(recipient.email(), "Transfer of account " + account.name() + " cancelled");
        assertThat(mailbox.to(recipient.email())).hasSize(1);
        assertThat(mailbox.to(sender.email())).isEmpty();
    }

    @Test
    void declineBeforeTheOfferIsMailedDropsTheQueuedOfferAndMailsTheSender() {
        Transfer started = start(BillingMode.AT_RENEWAL);
        ProcessInstance pi = processOf(started);

        transfers.decline(started.id(), recipient.id(), null, actor(recipient));

        assertThat(transfer(started).status()).isEqualTo(TransferStatus.DECLINED);
        assertThat(job("Task_NotifyRecipient", pi)).isNull();
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifySenderDeclined");
        execute(job("Task_NotifySenderDeclined", pi));

        BpmnAwareTests.assertThat(pi)
                .hasPassedInOrder("UserTask_AcceptTransfer", "Task_NotifySenderDeclined")
                .hasNotPassed("Task_NotifyRecipient")
                .isEnded();
        assertEndedAt(pi, "EndEvent_TransferDeclined");
        assertAccountUnchanged(started);
        assertThat(onlyMail(sender.email(), "Transfer of account " + account.name() + " declined").text())
                .doesNotContain("Their reason");
        assertThat(mailbox.to(recipient.email())).isEmpty();
    }

    @Test
    void anOfferWhoseMailIsRefusedForeverStillExpiresAtItsTimeAndTellsTheSender() throws Exception {
        Transfer started = start(BillingMode.IMMEDIATE);
        ProcessInstance pi = processOf(started);
        String offerJob = job("Task_NotifyRecipient", pi).getId();

        SMTP.stop();
        try (MinimalSmtpServer refusing = MinimalSmtpServer.refusing(SMTP_PORT, recipient.email())) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> managementService.executeJob(offerJob))
                        .satisfies(AccountTransferProcessTests::isMailFailure);
            }
            assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getActivityId())
                    .as("staff see the refused offer in Cockpit").isEqualTo("Task_NotifyRecipient");

            // the expiry timer has stood since the start, due at expiresAt, whatever the mail is doing
            Job expiry = job("BoundaryEvent_OfferExpired", pi);
            assertThat(expiry.getDuedate().toInstant()).isEqualTo(started.expiresAt().truncatedTo(ChronoUnit.MILLIS));
            execute(expiry);

            assertThat(transfer(started).status()).isEqualTo(TransferStatus.EXPIRED);
            assertThat(job("Task_NotifyRecipient", pi)).as("the hopeless offer mail went with the expired offer").isNull();
            // the expiry mail reaches the sender; the recipient's copy is refused like the offer was
            String expiredJob = job("Task_NotifyTransferExpired", pi).getId();
            assertThatThrownBy(() -> managementService.executeJob(expiredJob))
                    .satisfies(AccountTransferProcessTests::isMailFailure);
            assertThat(refusing.delivered()).containsExactly(sender.email());
        } finally {
            startSmtpIfStopped();
        }
        BpmnAwareTests.assertThat(pi).hasPassedInOrder("BoundaryEvent_OfferExpired", "Task_ExpireTransfer")
                .hasNotPassed("Task_NotifyRecipient");
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).activityId("Task_NotifyRecipient")
                .count()).isZero();
        assertAccountUnchanged(started);
        assertThat(transfers.pendingFor(List.of(account.id()))).as("the account can be offered again").isEmpty();
    }

    // --- driving a transfer the way the API does

    private Transfer start(BillingMode mode) {
        Transfer transfer = transfers.start(sender.id(),
                new TransferService.StartRequest(account.name(), recipient.email(), mode), null, actor(sender))
                .transfer();
        assertThat(transfer.status()).isEqualTo(TransferStatus.PENDING);
        return transfer;
    }

    private static Actor actor(Profile profile) {
        return new Actor(profile.email(), "127.0.0.1");
    }

    private ProcessInstance processOf(Transfer transfer) {
        ProcessInstance pi = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(transfer.id().toString()).singleResult();
        assertThat(pi).as("process of transfer " + transfer.id()).isNotNull();
        assertThat(transfer(transfer).processInstanceId()).as("stored on the transfer, for staff").isEqualTo(pi.getId());
        BpmnAwareTests.assertThat(pi).isStarted().hasProcessDefinitionKey(TransferProcess.PROCESS_ID)
                .hasBusinessKey(transfer.id().toString())
                .variables().containsEntry(TransferProcess.TRANSFER_ID, transfer.id().toString())
                .containsEntry(TransferProcess.ACCOUNT_NAME, account.name())
                .containsEntry(TransferProcess.SENDER_EMAIL, sender.email())
                .containsEntry(TransferProcess.RECIPIENT_EMAIL, recipient.email());
        return pi;
    }

    /** Runs the offer step and checks that it mailed a working link and left the process at the user task. */
    private void offerMailed(ProcessInstance pi, Transfer transfer) {
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_NotifyRecipient", "UserTask_AcceptTransfer");
        execute(job("Task_NotifyRecipient", pi));
        BpmnAwareTests.assertThat(pi).isWaitingAt("UserTask_AcceptTransfer")
                .hasPassed("Task_NotifyRecipient");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getStartActivityId()).isEqualTo("StartEvent_TransferRequested");
        // the form key Tasklist opens, evaluated for this instance
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).initializeFormKeys().singleResult()
                .getFormKey()).isEqualTo("/transfers/" + transfer.id());
        Mail offer = onlyMail(recipient.email(), "Account " + account.name() + " is offered to you");
        String token = offer.link().substring((PUBLIC_URL + "/transfers/" + transfer.id() + "?token=").length());
        assertThat(transfers.byLink(transfer.id(), token)).as("the mailed link opens the transfer").isPresent();
        assertThat(offer.text()).contains(transfer.id().toString(), "€" + PRICE);
        assertThat(mailbox.to(sender.email())).isEmpty();
    }

    // --- what reached the database and the inbox

    private Transfer transfer(Transfer transfer) {
        return transfers.get(transfer.id(), sender.id());
    }

    private Subscription assertOwnershipMoved(Transfer started, BillingPeriod recipientPeriod) {
        Transfer transfer = transfer(started);
        assertThat(accounts.findById(account.id()).orElseThrow().ownerId()).isEqualTo(recipient.id());
        assertThat(transfer.recipientId()).isEqualTo(recipient.id());
        Subscription closed = subscriptions.findById(started.senderSubscriptionId()).orElseThrow();
        assertThat(closed.status()).isEqualTo(Subscription.Status.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(Subscription.CloseReason.TRANSFERRED);
        assertThat(closed.closedAt()).isEqualTo(transfer.decidedAt());
        Subscription active = subscriptions.findActiveByAccount(account.id()).orElseThrow();
        assertThat(active.id()).isEqualTo(transfer.recipientSubscriptionId());
        assertThat(active.payerId()).isEqualTo(recipient.id());
        assertThat(active.predecessorId()).isEqualTo(closed.id());
        assertThat(active.price()).isEqualTo(closed.price());
        assertThat(active.cycle()).isEqualTo(closed.cycle());
        assertThat(active.currentPeriod()).isEqualTo(recipientPeriod);
        return active;
    }

    private void assertAccountUnchanged(Transfer started) {
        assertThat(accounts.findById(account.id()).orElseThrow().ownerId()).isEqualTo(sender.id());
        Subscription active = subscriptions.findActiveByAccount(account.id()).orElseThrow();
        assertThat(active.id()).isEqualTo(started.senderSubscriptionId());
        assertThat(active.payerId()).isEqualTo(sender.id());
        assertThat(transfer(started).recipientSubscriptionId()).isNull();
        assertThat(invoicesOf(sender)).as("only the fixture's paid invoice").hasSize(1);
        assertThat(invoicesOf(recipient)).isEmpty();
    }

    private List<Invoice> invoicesOf(Profile profile) {
        return invoices.findByProfile(profile.id(), Pageable.unpaged()).getContent();
    }

    private int billingModeRevision(ProcessInstance pi) {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "select rev_ from act_hi_varinst where proc_inst_id_ = ? and name_ = ?", Integer.class, pi.getId(),
                TransferProcess.BILLING_MODE);
    }

    /** The staff history level records no end event's instance; the process instance keeps the one it ended at. */
    private void assertEndedAt(ProcessInstance pi, String endEventId) {
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished()
                .singleResult().getEndActivityId()).isEqualTo(endEventId);
    }

    /** The one mail to {@code to} with that subject; it fails on none and on a duplicate. */
    private Mail onlyMail(String to, String subject) {
        List<Mail> matching = mailbox.to(to).stream().filter(m -> m.subject().equals(subject)).toList();
        assertThat(matching).as("mails to %s titled '%s' among %s", to, subject,
                mailbox.to(to).stream().map(Mail::subject).toList()).hasSize(1);
        return matching.get(0);
    }

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(LocalDate.parse(start), LocalDate.parse(end));
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                AccountTransferProcessTests::single);
    }

    /** The job failed because the mail could not be sent, not for some other reason. */
    private static void isMailFailure(Throwable e) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        assertThat(chain).anyMatch(c -> c instanceof org.springframework.mail.MailException);
    }

    private static void startSmtpIfStopped() {
        if (SMTP.getSmtp() == null || !SMTP.getSmtp().isRunning()) {
            SMTP.start();
        }
    }

    private ProcessDefinition latestDefinition() {
        return processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(TransferProcess.PROCESS_ID).latestVersion().singleResult();
    }

    private ProcessDefinition deploy(String resource) throws java.io.IOException {
        try (java.io.InputStream bpmn = resource.startsWith("processes/")
                ? java.nio.file.Files.newInputStream(java.nio.file.Path.of(resource))
                : getClass().getClassLoader().getResourceAsStream(resource)) {
            String deployment = processEngine.getRepositoryService().createDeployment()
                    .addInputStream("account-transfer.bpmn", bpmn).deploy().getId();
            return processEngine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment)
                    .singleResult();
        }
    }

    /** A "mail sender and recipient" task is one step, which mails both. */
    private void executeBothMails(ProcessInstance pi, String activity) {
        execute(job(activity, pi));
        assertThat(job(activity, pi)).as("no second step for the recipient").isNull();
    }
}
