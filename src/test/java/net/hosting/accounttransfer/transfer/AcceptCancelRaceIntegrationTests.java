package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Mailbox;
import org.junit.jupiter.api.Test;

/**
 * Accept and cancel arriving at the same moment: the transfer's row lock lets exactly one win, the other gets 409,
 * and the account, the transfer and the process all follow the winner.
 */
class AcceptCancelRaceIntegrationTests extends TransferIntegrationSupport {

    private static final int ROUNDS = 20;

    @Test
    void concurrentAcceptAndCancelHaveExactlyOneWinnerAndTheAccountFollowsIt() throws Exception {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Api sender = as(alice);
        Api recipient = as(bob);
        // open both connections now, so neither request pays for it inside the race
        sender.get("/api/profile");
        recipient.get("/api/profile");
        int acceptWon = 0;
        int cancelWon = 0;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
                String id = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();
                process.awaitUserTask(id);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Api.Reply> accept = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return recipient.post("/api/transfers/" + id + "/accept", null);
                });
                Future<Api.Reply> cancel = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return sender.post("/api/transfers/" + id + "/cancel", null);
                });
                Api.Reply accepted = accept.get(30, TimeUnit.SECONDS);
                Api.Reply cancelled = cancel.get(30, TimeUnit.SECONDS);

                String context = "round " + round + " (transfer " + id + "): accept " + accepted.status() + " "
                        + accepted.body() + ", cancel " + cancelled.status() + " " + cancelled.body();
                assertThat(List.of(accepted.status(), cancelled.status())).as(context)
                        .containsExactlyInAnyOrder(200, 409);
                if (accepted.status() == 200) {
                    acceptWon++;
                    assertAcceptWon(alice, bob, account, id, accepted, cancelled);
                } else {
                    cancelWon++;
                    assertCancelWon(alice, bob, account, id, cancelled, accepted);
                }
                assertThat(process.incidents(id)).as(context).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.printf("Accept/cancel race: accept won %d, cancel won %d of %d rounds%n", acceptWon, cancelWon,
                ROUNDS);
        assertThat(acceptWon + cancelWon).isEqualTo(ROUNDS);
    }

    private void assertAcceptWon(Profile alice, Profile bob, Account account, String id, Api.Reply accepted,
            Api.Reply cancelled) {
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        // the loser read the winner's outcome under the row lock (completed, if the billing jobs were quicker still)
        assertThat(assertProblem(cancelled, 409).get("detail").asText()).containsAnyOf("is accepted", "is completed");
        assertOwnedBy(bob, alice, account);
        assertThat(awaitStatus(alice, id, "COMPLETED").get("decidedAt").isNull()).isFalse();
        assertThat(process.awaitEnded(id).getEndActivityId()).as(process.explain(id)).isEqualTo(ProcessProbe.COMPLETED);
        assertThat(process.entered(id, "Task_NotifyRecipientCancelled")).isFalse();
        mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " completed");
        assertThat(mailsAbout(bob, account, "cancelled")).isEmpty();
    }

    private void assertCancelWon(Profile alice, Profile bob, Account account, String id, Api.Reply cancelled,
            Api.Reply accepted) {
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(assertProblem(accepted, 409).get("detail").asText()).contains("is cancelled");
        JsonNode kept = assertOwnedBy(alice, bob, account);
        assertThat(kept.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(process.awaitEnded(id).getEndActivityId()).as(process.explain(id)).isEqualTo(ProcessProbe.CANCELLED);
        assertThat(process.entered(id, "Task_TransferOwnership")).isFalse();
        mailbox.awaitMail(bob.email(), "Transfer of account " + account.name() + " cancelled");
        assertThat(mailsAbout(bob, account, "completed")).isEmpty();
        assertThat(mailsAbout(alice, account, "completed")).isEmpty();
    }

    private List<Mailbox.Mail> mailsAbout(Profile reader, Account account, String outcome) {
        return mailbox.to(reader.email()).stream()
                .filter(mail -> mail.subject().equals("Transfer of account " + account.name() + " " + outcome))
                .toList();
    }
}
