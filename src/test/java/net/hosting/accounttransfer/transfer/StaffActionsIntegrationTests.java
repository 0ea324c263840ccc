package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Mailbox;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;

/**
 * What each Cockpit action on a transfer's process does to the transfer, called through RuntimeService exactly as
 * Cockpit calls it (a delete with or without "skip custom listeners", a modification, a suspension): the transfer
 * and its process never drift apart, a decision never moves an account outside the process, and both parties of a
 * transfer staff stopped are told once.
 */
class StaffActionsIntegrationTests extends TransferIntegrationSupport {

    private static final String STOPPED_PROCESS = "TransferStoppedByStaff";

    @Autowired
    private RuntimeService runtime;

    @Autowired
    private HistoryService history;

    @Autowired
    private InvoiceRepository invoices;

    @Autowired
    private TransferRepository transfers;

    @Autowired
    private SubscriptionRepository subscriptions;

    @Test
    void deletingAPendingTransfersInstanceCancelsItTellsBothPartiesAndALaterAcceptIs409() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        // a delete racing the offer job fails on Camunda's optimistic lock and changes nothing; staff try again
        mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you");

        // Cockpit's "Delete" with its "skip custom listeners" box unticked (the default)
        runtime.deleteProcessInstance(process.processInstanceId(id), "deleted in Cockpit", false);

        assertStoppedAndTold(alice, bob, account, id);
    }

    @Test
    void deletingWithCustomListenersSkippedStillCancelsTheTransferAndTellsBothParties() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.FR);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = pendingOffer(alice, account, bob, "AT_RENEWAL");
        mailbox.awaitMail(bob.email(), "Le compte " + account.name() + " vous est cédé");

        runtime.deleteProcessInstance(process.processInstanceId(id), "deleted in Cockpit", true, true);

        assertStoppedAndTold(alice, bob, account, id);
    }

    @Test
    void cancellingThePendingOfferByAModificationCancelsTheTransferAndTellsBothParties() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you");

        // Cockpit's modification "cancel all" on the sub-process: nothing is left, so the instance ends cancelled
        runtime.createProcessInstanceModification(process.processInstanceId(id))
                .cancelAllForActivity("SubProcess_OfferPending").execute();

        assertStoppedAndTold(alice, bob, account, id);
    }

    @Test
    void deletingAnAcceptedTransferWhoseBillingHasNotFinishedIsRefusedAndBillingCompletesAfterwards() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        process.hold("Task_InvoiceRecipient");
        try {
            Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            process.awaitJob(id, "Task_InvoiceRecipient");
            String instance = process.processInstanceId(id);

            assertThatThrownBy(() -> runtime.deleteProcessInstance(instance, "deleted in Cockpit", true))
                    .hasMessageContaining("billing has not finished");

            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);
            assertThat(transfer(alice, id).get("status").asText()).isEqualTo("ACCEPTED");
        } finally {
            process.release("Task_InvoiceRecipient");
        }

        awaitStatus(alice, id, "COMPLETED");
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind)
                .containsExactlyInAnyOrder(Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE);
        assertThat(stoppedInstances(id)).isEmpty();
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void aDecisionOnAPendingTransferWhoseProcessIsGoneIs409AndChangesNothing() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        // as staff left it by deleting the instance before anything listened: PENDING, and no process at all
        Instant now = calendar.now();
        Transfer orphan = transfers.saveAndFlush(new Transfer(UUID.randomUUID(), account.id(), account.name(),
                alice.id(), bob.email(), BillingMode.IMMEDIATE,
                subscriptions.findActiveByAccount(account.id()).orElseThrow().id(), now, now.plusSeconds(3600), null));
        String id = orphan.id().toString();

        for (Api.Reply decision : List.of(as(bob).post("/api/transfers/" + id + "/accept", null),
                as(bob).post("/api/transfers/" + id + "/decline", java.util.Map.of("reason", "no")),
                as(alice).post("/api/transfers/" + id + "/cancel", null))) {
            assertThat(assertProblem(decision, 409).get("detail").asText())
                    .contains("process was stopped by staff", "nothing was changed");
        }

        assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
        assertOwnedBy(alice, bob, account);
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
    }

    @Test
    void aDecisionWhileStaffHaveSuspendedTheInstanceIs409UntilItIsActivatedAgain() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        String instance = process.processInstanceId(id);
        runtime.suspendProcessInstanceById(instance);
        try {
            for (Api.Reply decision : List.of(as(bob).post("/api/transfers/" + id + "/accept", null),
                    as(alice).post("/api/transfers/" + id + "/cancel", null))) {
                assertThat(assertProblem(decision, 409).get("detail").asText())
                        .contains("suspended by staff", "nothing was changed");
            }
            assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
            assertOwnedBy(alice, bob, account);
        } finally {
            runtime.activateProcessInstanceById(instance);
        }

        Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        awaitStatus(alice, id, "COMPLETED");
        assertOwnedBy(bob, alice, account);
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void aDecisionAfterStaffCancelledOnlyTheUserTaskIs409AndNeverMovesTheAccount() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id;
        process.hold(ProcessProbe.NOTIFY_RECIPIENT);
        try {
            id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();
            process.awaitUserTask(id);
            // the held offer mail keeps the sub-process, and so the instance, alive without the user task
            runtime.createProcessInstanceModification(process.processInstanceId(id))
                    .cancelAllForActivity(ProcessProbe.USER_TASK).execute();

            Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

            assertThat(assertProblem(accepted, 409).get("detail").asText())
                    .contains("not waiting for a decision", "nothing was changed");
            assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
            assertOwnedBy(alice, bob, account);
            assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
        } finally {
            process.release(ProcessProbe.NOTIFY_RECIPIENT);
        }
    }

    @Test
    void changingTheBillingModeVariableInCockpitDoesNotChangeHowTheTransferIsBilled() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        runtime.setVariable(process.processInstanceId(id), "billingMode", "AT_RENEWAL");

        Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        awaitStatus(alice, id, "COMPLETED");
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.COMPLETED);
        assertThat(process.entered(id, "Task_InvoiceRecipient")).isTrue();
        assertThat(process.entered(id, ProcessProbe.RENEWAL_DATE)).isFalse();
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind)
                .containsExactlyInAnyOrder(Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE);
    }

    /** The transfer is CANCELLED, the account its sender's and free, and each party got one mail saying why. */
    private void assertStoppedAndTold(Profile alice, Profile bob, Account account, String id) {
        assertThat(transfer(alice, id).get("status").asText()).isEqualTo("CANCELLED");
        // a delete terminates the instance externally, a modification that cancels everything internally
        assertThat(process.awaitEnded(id).getState()).isIn(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED,
                HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);

        Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

        assertThat(assertProblem(accepted, 409).get("detail").asText()).contains("cancelled");
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("CANCELLED");
        assertOwnedBy(alice, bob, account);
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        boolean french = bob.locale() == Profile.Language.FR;
        Mailbox.Mail toAlice = mailbox.awaitMail(alice.email(),
                "Transfer of account " + account.name() + " cancelled by our staff");
        Mailbox.Mail toBob = mailbox.awaitMail(bob.email(), french
                ? "Cession du compte " + account.name() + " annulée par notre équipe"
                : "Transfer of account " + account.name() + " cancelled by our staff");
        assertThat(toAlice.text()).contains("the account stays yours", bob.email());
        assertThat(toBob.text()).contains(alice.email(), french ? "Rien n’a changé" : "Nothing was changed");
        assertRefersTo(toAlice, id);
        assertRefersTo(toBob, id);
        // the mails run in a process of their own, which ends once both are sent, with no incident
        process.awaitOrExplain(id, "the mails of the stop to be sent", () -> stoppedInstances(id).size() == 1
                && stoppedInstances(id).get(0).getEndTime() != null);
        assertThat(mailbox.to(alice.email())).extracting(Mailbox.Mail::subject).containsOnlyOnce(toAlice.subject());
        assertThat(mailbox.to(bob.email()).stream().filter(mail -> mail.subject().equals(toBob.subject()))).hasSize(1);
        assertThat(history.createHistoricIncidentQuery().processInstanceId(stoppedInstances(id).get(0).getId()).count())
                .isZero();
        // the account is free for a new offer at once
        assertThat(start(alice, account, bob.email(), "IMMEDIATE").get("status").asText()).isEqualTo("PENDING");
    }

    private List<HistoricProcessInstance> stoppedInstances(String id) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(STOPPED_PROCESS)
                .processInstanceBusinessKey(id).list();
    }
}
