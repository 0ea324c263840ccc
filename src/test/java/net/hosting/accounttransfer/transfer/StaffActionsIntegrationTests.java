package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
class StaffActionsIntegrationTests extends AliceAndBobSupport {

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
        String id = mailedOffer(bob, "IMMEDIATE");

        // Cockpit's "Delete" with its "skip custom listeners" box unticked (the default)
        runtime.deleteProcessInstance(process.processInstanceId(id), "deleted in Cockpit", false);

        assertStoppedAndTold(bob, id);
    }

    @Test
    void deletingWithCustomListenersSkippedStillCancelsTheTransferAndTellsBothParties() {
        Profile frenchBob = fixtures.customer("Bob", Profile.Language.FR);
        String id = mailedOffer(frenchBob, "AT_RENEWAL");

        runtime.deleteProcessInstance(process.processInstanceId(id), "deleted in Cockpit", true, true);

        assertStoppedAndTold(frenchBob, id);
    }

    @Test
    void cancellingThePendingOfferByAModificationCancelsTheTransferAndTellsBothParties() {
        String id = mailedOffer(bob, "IMMEDIATE");

        // Cockpit's modification "cancel all" on the sub-process: nothing is left, so the instance ends cancelled
        runtime.createProcessInstanceModification(process.processInstanceId(id))
                .cancelAllForActivity("SubProcess_OfferPending").execute();

        assertStoppedAndTold(bob, id);
    }

    @Test
    void deletingAnAcceptedTransferWhoseBillingHasNotFinishedIsRefusedAndBillingCompletesAfterwards() {
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
        beforeTheOfferIsMailed(alice, account, bob, id -> {
            // the held offer mail keeps the sub-process, and so the instance, alive without the user task
            runtime.createProcessInstanceModification(process.processInstanceId(id))
                    .cancelAllForActivity(ProcessProbe.USER_TASK).execute();

            Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

            assertThat(assertProblem(accepted, 409).get("detail").asText())
                    .contains("not waiting for a decision", "nothing was changed");
            assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
            assertOwnedBy(alice, bob, account);
            assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
        });
    }

    @Test
    void changingTheBillingModeVariableInCockpitDoesNotChangeHowTheTransferIsBilled() {
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

    /**
     * A pending offer of Alice's account to {@code recipient}, once it is mailed: a stop racing the offer job fails on
     * Camunda's optimistic lock and changes nothing (staff try again), so the tests of a stop wait for the mail.
     */
    private String mailedOffer(Profile recipient, String billingMode) {
        String id = pendingOffer(alice, account, recipient, billingMode);
        mailbox.awaitMail(recipient.email(), recipient.locale() == Profile.Language.FR
                ? "Le compte " + account.name() + " vous est cédé"
                : "Account " + account.name() + " is offered to you");
        // the mail reaches SMTP before its step commits: a modification meanwhile would race the step's job
        process.awaitOrExplain(id, "the offer step committed", () -> process.job(id, "Task_NotifyRecipient") == null);
        return id;
    }

    /** The transfer is CANCELLED, the account Alice's and free, and each party got one mail saying why. */
    private void assertStoppedAndTold(Profile recipient, String id) {
        assertThat(transfer(alice, id).get("status").asText()).isEqualTo("CANCELLED");
        // a delete terminates the instance externally, a modification that cancels everything internally
        assertThat(process.awaitEnded(id).getState()).isIn(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED,
                HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);

        Api.Reply accepted = as(recipient).post("/api/transfers/" + id + "/accept", null);

        assertThat(assertProblem(accepted, 409).get("detail").asText()).contains("cancelled");
        assertThat(transfer(recipient, id).get("status").asText()).isEqualTo("CANCELLED");
        assertOwnedBy(alice, recipient, account);
        assertThat(invoices.findByProfile(recipient.id(), Pageable.unpaged()).getContent()).isEmpty();
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        boolean french = recipient.locale() == Profile.Language.FR;
        Mailbox.Mail toAlice = mailbox.awaitMail(alice.email(),
                "Transfer of account " + account.name() + " cancelled by our staff");
        Mailbox.Mail toRecipient = mailbox.awaitMail(recipient.email(), french
                ? "Cession du compte " + account.name() + " annulée par notre équipe"
                : "Transfer of account " + account.name() + " cancelled by our staff");
        assertThat(toAlice.text()).contains("the account stays yours", recipient.email());
        assertThat(toRecipient.text()).contains(alice.email(), french ? "Rien n’a changé" : "Nothing was changed");
        assertRefersTo(toAlice, id);
        assertRefersTo(toRecipient, id);
        // the mails run in a process of their own, which ends once both are sent, with no incident
        process.awaitOrExplain(id, "the mails of the stop to be sent", () -> stoppedInstances(id).size() == 1
                && stoppedInstances(id).get(0).getEndTime() != null);
        assertThat(mailbox.to(alice.email())).extracting(Mailbox.Mail::subject).containsOnlyOnce(toAlice.subject());
        assertThat(mailbox.to(recipient.email()).stream().filter(mail -> mail.subject().equals(toRecipient.subject()))).hasSize(1);
        assertThat(history.createHistoricIncidentQuery().processInstanceId(stoppedInstances(id).get(0).getId()).count())
                .isZero();
        // the account is free for a new offer at once
        assertThat(start(alice, account, recipient.email(), "IMMEDIATE").get("status").asText()).isEqualTo("PENDING");
    }

    private List<HistoricProcessInstance> stoppedInstances(String id) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(STOPPED_PROCESS)
                .processInstanceBusinessKey(id).list();
    }
}
