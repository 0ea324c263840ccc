package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Mailbox;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;

/**
 * A decision that arrives while the offer mail is still queued, such as an accept from the Transfers tab, completes
 * the user task that stands beside the mail from the start: never lost, never a 5xx, and the queued offer, whose
 * link would be dead, is dropped. The offer job is held (its job definition suspended) so "before" is certain.
 */
class EarlyDecisionIntegrationTests extends TransferIntegrationSupport {

    @Autowired
    private InvoiceRepository invoices;

    @Test
    void anAcceptMadeBeforeTheOfferIsMailedMovesTheAccountAndDropsTheQueuedOffer() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);

        String id = beforeTheOfferIsMailed(alice, account, bob, pending -> {
            Api.Reply accepted = as(bob).post("/api/transfers/" + pending + "/accept", null);

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
            // T9 happens with the acceptance, not when the process catches up
            JsonNode held = assertOwnedBy(bob, alice, account);
            assertThat(held.at("/subscription/currentPeriodStart").asText()).isEqualTo("2028-02-29");
            assertOfferDropped(pending);
        });

        assertThat(awaitStatus(alice, id, "COMPLETED").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.COMPLETED);
        assertDecidedEarly(id);
        assertThat(process.entered(id, "Task_TransferOwnership")).isTrue();
        assertOwnedBy(bob, alice, account);
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind)
                .containsExactlyInAnyOrder(Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE);
        Mailbox.Mail toBob = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " completed");
        assertRefersTo(toBob, id);
        assertRefersTo(mailbox.awaitMail(alice.email(), "Transfer of account " + account.name() + " completed"), id);
        // an offer whose accept link was dead before it was sent is not mailed (T13): the recipient has decided
        assertThat(mailbox.to(bob.email())).extracting(Mailbox.Mail::subject).containsExactly(toBob.subject());
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void aCancelMadeBeforeTheOfferIsMailedEndsTheProcessCancelledAndTellsOnlyThatToTheRecipient() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);

        String id = beforeTheOfferIsMailed(alice, account, bob, pending -> {
            Api.Reply cancelled = as(alice).post("/api/transfers/" + pending + "/cancel", null);

            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
            assertThat(assertOwnedBy(alice, bob, account).get("pendingTransfer").isNull()).isTrue();
            assertOfferDropped(pending);
            // the account is free again at once, whatever the process still has to do
            assertThat(start(alice, account, bob.email(), "AT_RENEWAL").get("status").asText()).isEqualTo("PENDING");
        });

        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.CANCELLED);
        assertDecidedEarly(id);
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("CANCELLED");
        assertOwnedBy(alice, bob, account);
        Mailbox.Mail toBob = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " cancelled");
        assertThat(toBob.text()).contains(alice.email(), "nothing for you to do");
        assertRefersTo(toBob, id);
        // no offer with a dead link first: the cancel is all the recipient hears of this transfer
        assertThat(mailbox.to(bob.email()).stream().filter(mail -> mail.text().contains(id)))
                .extracting(Mailbox.Mail::subject).containsExactly(toBob.subject());
        assertThat(mailbox.to(alice.email())).isEmpty();
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void decisionsSentStraightAfterCreationEndRightWhicheverSideOfTheOfferJobTheyLand() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        int early = 0;
        for (int round = 0; round < 6; round++) {
            boolean accept = round % 2 == 0;
            Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
            String id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();

            Api.Reply decided = accept ? as(bob).post("/api/transfers/" + id + "/accept", null)
                    : as(alice).post("/api/transfers/" + id + "/cancel", null);

            assertThat(decided.status()).as(decided.body()).isEqualTo(200);
            String end = process.awaitEnded(id).getEndActivityId();
            boolean decidedEarly = !process.entered(id, ProcessProbe.NOTIFY_RECIPIENT);
            early += decidedEarly ? 1 : 0;
            if (accept) {
                assertThat(end).isEqualTo(ProcessProbe.COMPLETED);
                assertThat(transfer(alice, id).get("status").asText()).isEqualTo("COMPLETED");
                assertOwnedBy(bob, alice, account);
                mailbox.awaitMail(alice.email(), "Transfer of account " + account.name() + " completed");
                mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " completed");
            } else {
                assertThat(end).isEqualTo(ProcessProbe.CANCELLED);
                assertThat(transfer(bob, id).get("status").asText()).isEqualTo("CANCELLED");
                assertOwnedBy(alice, bob, account);
                mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " cancelled");
            }
            assertThat(process.incidents(id)).isZero();
        }
        System.out.printf("Decisions straight after creation: %d of 6 arrived before the offer job ran%n", early);
    }

    @Test
    void aReminderThatFallsDueAsTheRecipientAcceptsIsNotMailedAfterTheAcceptance() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();
        process.awaitUserTask(id);
        Job reminderDue = process.awaitJob(id, ProcessProbe.REMINDER_DUE);
        process.hold(ProcessProbe.REMIND_RECIPIENT);
        try {
            // the reminder timer fires (non-interrupting); its mail job is queued behind the acceptance
            process.execute(reminderDue);
            assertThat(process.job(id, ProcessProbe.REMIND_RECIPIENT).isSuspended()).isTrue();

            Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        } finally {
            process.release(ProcessProbe.REMIND_RECIPIENT);
        }

        process.awaitEnded(id);
        // the completion path ran to its last step (the instance's end event is whichever branch ended last)
        assertThat(process.entered(id, "Task_NotifyTransferCompleted")).isTrue();
        awaitStatus(bob, id, "COMPLETED");
        Mailbox.Mail completed = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " completed");
        assertThat(process.entered(id, ProcessProbe.REMIND_RECIPIENT)).isTrue();
        // "awaits your answer" after the answer was given would be wrong, and its accept link would be dead
        assertThat(mailbox.to(bob.email())).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
                "Account " + account.name() + " is offered to you", completed.subject());
        assertThat(process.incidents(id)).isZero();
    }

    /** The decision ended the pending offer, and the held offer job with it: nothing is left to mail. */
    private void assertOfferDropped(String id) {
        assertThat(process.job(id, ProcessProbe.NOTIFY_RECIPIENT)).as("the held offer job of %s", id).isNull();
        assertThat(process.waitsAtUserTask(id)).isFalse();
        assertThat(process.entered(id, ProcessProbe.NOTIFY_RECIPIENT)).isFalse();
    }

    /** History shows the decision went through the user task and the held offer job never ran. */
    private void assertDecidedEarly(String id) {
        assertThat(process.entered(id, ProcessProbe.USER_TASK)).isTrue();
        assertThat(process.entered(id, ProcessProbe.NOTIFY_RECIPIENT)).as(process.explain(id)).isFalse();
        assertThat(process.job(id, ProcessProbe.NOTIFY_RECIPIENT)).as("dropped with the sub-process").isNull();
    }
}
