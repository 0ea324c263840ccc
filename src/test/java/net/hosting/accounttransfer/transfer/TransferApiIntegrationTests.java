package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Mailbox;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;

/**
 * One HTTP journey per path of the transfer lifecycle, on the real application: statuses, what reached the
 * database (owner, subscriptions, documents) and what reached the inbox.
 */
class TransferApiIntegrationTests extends TransferIntegrationSupport {

    /** A €9.99 month [2028-02-19, 2028-03-19), 29 days long, of which 19 are left on {@link #TODAY} (2028-02-29). */
    private static final LocalDate ANCHOR = LocalDate.parse("2028-02-19");

    @Autowired
    private InvoiceRepository invoices;

    @Autowired
    private SubscriptionRepository subscriptions;

    @Test
    void acceptImmediateMovesTheAccountInvoicesTheRecipientAndRefundsTheSenderProrata() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, ANCHOR);
        // B4: 9.99 × 19 / 29 = 6.5452 → 6.55 net, over [2028-02-29, 2028-03-19); V4: 6.55 × 20% = 1.31 VAT, 7.86 back
        String refund = "7.86";

        String id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();

        Mailbox.Mail offer = mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you");
        assertThat(acceptLinkOf(offer)[0]).isEqualTo(id);
        assertLinkOpensTheOffer(offer, id, account.name());
        // V5: Bob, a French consumer, pays 9.99 + 1.998 → 2.00 VAT = 11.99
        assertThat(offer.text()).contains("€11.99", "€9.99", "€2.00", id);
        process.awaitUserTask(id);
        // B7: both parties see the same preview before anyone confirms
        for (Profile party : List.of(alice, bob)) {
            JsonNode before = transfer(party, id);
            assertThat(before.get("status").asText()).isEqualTo("PENDING");
            assertThat(before.at("/preview/recipientCharge/amount/amount").asText()).isEqualTo("11.99");
            assertThat(before.at("/preview/recipientCharge/net/amount").asText()).isEqualTo("9.99");
            assertThat(before.at("/preview/recipientCharge/amount/currency").asText()).isEqualTo("EUR");
            assertThat(before.at("/preview/recipientCharge/date").asText()).isEqualTo("2028-02-29");
            assertThat(before.at("/preview/senderRefund/amount").asText()).isEqualTo(refund);
            assertThat(before.at("/preview/senderRefund/net").asText()).isEqualTo("6.55");
            assertThat(before.at("/preview/senderRefund/vat").asText()).isEqualTo("1.31");
        }
        assertThat(assertOwnedBy(alice, bob, account).at("/pendingTransfer/id").asText()).isEqualTo(id);

        Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode done = awaitStatus(bob, id, "COMPLETED");
        assertThat(done.get("decidedAt").isNull()).isFalse();
        assertThat(done.get("completedAt").isNull()).isFalse();
        // T9, T10: the recipient holds the account on a fresh period from today; the sender's is closed
        JsonNode held = assertOwnedBy(bob, alice, account);
        assertThat(held.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(held.at("/subscription/currentPeriodStart").asText()).isEqualTo("2028-02-29");
        assertThat(held.at("/subscription/renewalDate").asText()).isEqualTo("2028-03-29");
        assertThat(held.at("/subscription/price/amount").asText()).isEqualTo("9.99");
        assertThat(held.get("pendingTransfer").isNull()).isTrue();
        Subscription successor = subscriptions.findById(held.at("/subscription/id").asLong()).orElseThrow();
        assertThat(successor.payerId()).isEqualTo(bob.id());
        Subscription closed = subscriptions.findById(successor.predecessorId()).orElseThrow();
        assertThat(closed.payerId()).isEqualTo(alice.id());
        assertThat(closed.status()).isEqualTo(Subscription.Status.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(Subscription.CloseReason.TRANSFERRED);
        assertThat(closed.closedAt()).isEqualTo(Instant.parse(done.get("decidedAt").asText()).truncatedTo(ChronoUnit.MICROS));
        // each document exactly once: the recipient's invoice, the sender's credit note against its paid invoice
        List<Invoice> bobs = invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent();
        assertThat(bobs).singleElement().satisfies(invoice -> {
            assertThat(invoice.kind()).isEqualTo(Invoice.Kind.INVOICE);
            assertThat(invoice.amount().amount().toPlainString()).isEqualTo("11.99");
            assertThat(invoice.servicePeriod().start()).hasToString("2028-02-29");
            assertThat(invoice.servicePeriod().end()).hasToString("2028-03-29");
        });
        Invoice creditNote = invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent().stream()
                .filter(invoice -> invoice.kind() == Invoice.Kind.CREDIT_NOTE).reduce((a, b) -> {
                    throw new AssertionError("two credit notes for one transfer");
                }).orElseThrow(() -> new AssertionError("no credit note for the sender"));
        assertThat(creditNote.amount().amount().toPlainString()).isEqualTo(refund);
        assertThat(creditNote.refundedAt()).isNotNull();
        assertThat(creditNote.servicePeriod().start()).hasToString("2028-02-29");
        assertThat(creditNote.servicePeriod().end()).hasToString("2028-03-19");
        assertThat(transfer(alice, id).at("/preview/senderRefund/amount").asText())
                .isEqualTo(creditNote.amount().amount().toPlainString());

        Mailbox.Mail toAlice = mailbox.awaitMail(alice.email(), "Transfer of account " + account.name() + " completed");
        assertThat(toAlice.text()).contains(creditNote.number(), "€" + refund);
        assertRefersTo(toAlice, id);
        Mailbox.Mail toBob = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " completed");
        assertThat(toBob.text()).contains(bobs.get(0).number(), "€11.99");
        assertRefersTo(toBob, id);
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.COMPLETED);
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void acceptAtRenewalMovesTheAccountNowAndInvoicesTheRecipientOnTheRenewalDate() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, ANCHOR);

        String id = start(alice, account, bob.email(), "AT_RENEWAL").get("id").asText();
        Mailbox.Mail offer = mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you");
        assertThat(acceptLinkOf(offer)[0]).isEqualTo(id);
        assertLinkOpensTheOffer(offer, id, account.name());
        process.awaitUserTask(id);
        JsonNode before = transfer(bob, id);
        assertThat(before.at("/preview/recipientCharge/amount/amount").asText()).isEqualTo("11.99");
        assertThat(before.at("/preview/recipientCharge/date").asText()).isEqualTo("2028-03-19");
        assertThat(before.at("/preview/senderRefund").isNull()).isTrue();

        Api.Reply accepted = as(bob).post("/api/transfers/" + id + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        // T11: the recipient's period runs from today to the old renewal date; nothing billed or refunded yet
        JsonNode held = assertOwnedBy(bob, alice, account);
        assertThat(held.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(held.at("/subscription/currentPeriodStart").asText()).isEqualTo("2028-02-29");
        assertThat(held.at("/subscription/renewalDate").asText()).isEqualTo("2028-03-19");
        mailbox.awaitMail(alice.email(), "Transfer of account " + account.name() + " accepted");
        Mailbox.Mail scheduled = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " accepted");
        assertRefersTo(scheduled, id);
        Job renewal = process.awaitJob(id, ProcessProbe.RENEWAL_DATE);
        // midnight in Paris on 2028-03-19, still winter time (CET, UTC+1)
        assertThat(renewal.getDuedate().toInstant()).isEqualTo(Instant.parse("2028-03-18T23:00:00Z"));
        JsonNode waiting = transfer(alice, id);
        assertThat(waiting.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(waiting.at("/preview/senderRefund").isNull()).isTrue();
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);

        process.execute(renewal);

        awaitStatus(bob, id, "COMPLETED");
        Mailbox.Mail billed = mailbox.awaitMail(bob.email(), "Account " + account.name() + ": renewal invoiced");
        assertRefersTo(billed, id);
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).singleElement().satisfies(invoice -> {
            assertThat(invoice.amount().amount().toPlainString()).isEqualTo("11.99");
            assertThat(invoice.servicePeriod().start()).hasToString("2028-03-19");
            assertThat(invoice.servicePeriod().end()).hasToString("2028-04-19");
            assertThat(billed.text()).contains(invoice.number());
        });
        JsonNode renewed = assertOwnedBy(bob, alice, account);
        assertThat(renewed.at("/subscription/currentPeriodStart").asText()).isEqualTo("2028-03-19");
        assertThat(renewed.at("/subscription/renewalDate").asText()).isEqualTo("2028-04-19");
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).extracting(Invoice::kind).containsExactly(Invoice.Kind.INVOICE);
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.COMPLETED);
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void declineWithAReasonLeavesTheAccountWithTheSenderAndMailsTheSenderTheReason() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();
        acceptLinkOf(mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you"));
        process.awaitUserTask(id);

        Api.Reply declined = as(bob).post("/api/transfers/" + id + "/decline",
                Map.of("reason", "  We already host elsewhere.  "));

        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.json().get("declineReason").asText()).isEqualTo("We already host elsewhere.");
        JsonNode seen = transfer(alice, id);
        assertThat(seen.get("status").asText()).isEqualTo("DECLINED");
        assertThat(seen.get("declineReason").asText()).isEqualTo("We already host elsewhere.");
        assertThat(seen.get("decidedAt").isNull()).isFalse();
        JsonNode kept = assertOwnedBy(alice, bob, account);
        assertThat(kept.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(kept.get("pendingTransfer").isNull()).isTrue();
        Mailbox.Mail toAlice = mailbox.awaitMail(alice.email(), "Transfer of account " + account.name() + " declined");
        assertThat(toAlice.text()).contains("We already host elsewhere.");
        assertRefersTo(toAlice, id);
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.DECLINED);
        assertThat(mailbox.to(bob.email())).hasSize(1);
        assertThat(invoices.findByProfile(alice.id(), Pageable.unpaged()).getContent()).hasSize(1);
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
    }

    @Test
    void cancelByTheSenderWithdrawsTheOfferAndMailsTheRecipient() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();
        acceptLinkOf(mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you"));
        process.awaitUserTask(id);

        Api.Reply cancelled = as(alice).post("/api/transfers/" + id + "/cancel", null);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("CANCELLED");
        JsonNode kept = assertOwnedBy(alice, bob, account);
        assertThat(kept.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(kept.get("pendingTransfer").isNull()).isTrue();
        Mailbox.Mail toBob = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " cancelled");
        assertThat(toBob.text()).contains(alice.email());
        assertRefersTo(toBob, id);
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.CANCELLED);
        assertThat(mailbox.to(alice.email())).isEmpty();
        assertThat(process.incidents(id)).isZero();
    }

    @Test
    void anOfferLeftUnansweredExpiresAndBothPartiesAreTold() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        JsonNode started = start(alice, account, bob.email(), "AT_RENEWAL");
        String id = started.get("id").asText();
        acceptLinkOf(mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you"));
        process.awaitUserTask(id);
        Job expiry = process.awaitJob(id, ProcessProbe.OFFER_EXPIRED);
        assertThat(expiry.getDuedate().toInstant()).isEqualTo(
                Instant.parse(started.get("expiresAt").asText()).truncatedTo(ChronoUnit.MILLIS));

        process.execute(expiry);

        JsonNode expired = awaitStatus(alice, id, "EXPIRED");
        assertThat(expired.get("decidedAt").isNull()).isFalse();
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("EXPIRED");
        Mailbox.Mail toAlice = mailbox.awaitMail(alice.email(), "Transfer of account " + account.name() + " expired");
        assertRefersTo(toAlice, id);
        Mailbox.Mail toBob = mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " expired");
        assertRefersTo(toBob, id);
        JsonNode kept = assertOwnedBy(alice, bob, account);
        assertThat(kept.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(kept.get("pendingTransfer").isNull()).isTrue();
        assertThat(process.awaitEnded(id).getEndActivityId()).isEqualTo(ProcessProbe.EXPIRED);
        assertThat(process.incidents(id)).isZero();
        Api.Reply late = as(bob).post("/api/transfers/" + id + "/accept", null);
        assertProblem(late, 409);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstTransferAndCreatesNothing() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        Map<String, String> key = Map.of("Idempotency-Key", "start-" + account.name());

        Api.Reply first = as(alice).post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"), key);
        Api.Reply repeat = as(alice).post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"), key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(201);
        String id = first.json().get("id").asText();
        assertThat(repeat.json().get("id").asText()).isEqualTo(id);
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        process.awaitUserTask(id);
        mailbox.awaitMail(bob.email(), "is offered to you");
        Api.Reply sent = as(alice).get("/api/transfers?role=sent");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json()).hasSize(1);
        assertThat(sent.json().get(0).get("id").asText()).isEqualTo(id);
        Api.Reply received = as(bob).get("/api/transfers?role=received");
        assertThat(received.json()).hasSize(1);
        // the offer job of the only process has run, so a second offer could only come from a second transfer
        assertThat(mailbox.to(bob.email())).hasSize(1);
        // a fresh key is a new request: the account already has its pending transfer
        Api.Reply other = as(alice).post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"),
                Map.of("Idempotency-Key", "another-" + account.name()));
        assertProblem(other, 409);
    }
    @Test
    void aRepeatedIdempotencyKeyArrivingWhileTheFirstRequestIsInFlightAlsoReturnsTheFirstTransfer() throws Exception {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Api sender = as(alice);
        sender.get("/api/profile");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
                Map<String, String> key = Map.of("Idempotency-Key", "retry-" + account.name());
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Api.Reply>> sent = new java.util.ArrayList<>();
                for (int copy = 0; copy < 2; copy++) {
                    sent.add(threads.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return sender.post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"), key);
                    }));
                }
                Api.Reply one = sent.get(0).get(30, TimeUnit.SECONDS);
                Api.Reply two = sent.get(1).get(30, TimeUnit.SECONDS);

                assertThat(List.of(one.status(), two.status())).as("round %d: %s / %s", round, one.body(), two.body())
                        .containsExactly(201, 201);
                String id = one.json().get("id").asText();
                assertThat(two.json().get("id").asText()).isEqualTo(id);
                process.awaitUserTask(id);
                assertThat(mailbox.awaitMail(bob.email(), "Account " + account.name() + " is offered to you")).isNotNull();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(sender.get("/api/transfers?role=sent").json()).hasSize(5);
        assertThat(mailbox.to(bob.email())).hasSize(5);
    }
}
