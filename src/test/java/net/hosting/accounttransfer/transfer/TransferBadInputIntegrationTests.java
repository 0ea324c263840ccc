package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every refusal of the transfer API (T1 to T4, parties, states, malformed input, no credentials) answers with
 * its specified status as an RFC 9457 problem, and changes nothing.
 */
class TransferBadInputIntegrationTests extends AliceAndBobSupport {

    @Autowired
    private SubscriptionRepository subscriptions;

    @Autowired
    private TransactionTemplate transaction;

    // T1

    @Test
    void startingATransferOfSomeoneElsesAccountLooksExactlyLikeAnAccountThatDoesNotExist() {
        Profile mallory = fixtures.customer("Mallory", Profile.Language.EN);
        String missing = "acct-missing-" + account.name().substring(5);

        Api.Reply notHers = as(mallory).post("/api/transfers", startBody(account, "someone@example.test", "IMMEDIATE"));
        Api.Reply nowhere = as(mallory).post("/api/transfers",
                Map.of("account", missing, "recipientEmail", "someone@example.test", "billingMode", "IMMEDIATE"));

        JsonNode notHersProblem = assertProblem(notHers, 404);
        JsonNode nowhereProblem = assertProblem(nowhere, 404);
        assertThat(fieldNames(notHersProblem)).isEqualTo(fieldNames(nowhereProblem));
        assertThat(notHersProblem.get("detail").asText().replace(account.name(), "NAME"))
                .isEqualTo(nowhereProblem.get("detail").asText().replace(missing, "NAME"));
        assertThat(notHersProblem.get("detail").asText()).doesNotContain(alice.email());
        assertThat(assertOwnedBy(alice, mallory, account).get("pendingTransfer").isNull()).isTrue();
        assertThat(as(mallory).get("/api/transfers?role=sent").json()).isEmpty();
    }

    // T2

    @Test
    void aMalformedRecipientEmailIsRefusedWith422() {
        for (String malformed : List.of("not-an-email", "bob@", "@example.test", "bob@example", "bob smith@example.test",
                "bob@@example.test", " ")) {
            Api.Reply reply = as(alice).post("/api/transfers", startBody(account, malformed, "IMMEDIATE"));
            if (malformed.isBlank()) {
                // no email at all is a missing field (400); T2's 422 is for one that is there but malformed
                assertThat(assertProblem(reply, 400).get("detail").asText()).contains("recipientEmail");
                continue;
            }
            JsonNode problem = assertProblem(reply, 422);
            assertThat(problem.get("field").asText()).as(malformed).isEqualTo("recipientEmail");
            assertThat(problem.get("reason").asText()).as(malformed).isEqualTo("EMAIL_INVALID");
            assertThat(problem.get("detail").asText()).as(malformed).contains(malformed);
        }
        assertThat(assertOwnedBy(alice, fixtures.customer("Nobody", Profile.Language.EN), account)
                .get("pendingTransfer").isNull()).isTrue();
    }

    @Test
    void theSendersOwnEmailInAnotherCaseIsRefusedWith422() {
        Api.Reply reply = as(alice).post("/api/transfers",
                startBody(account, "  " + alice.email().toUpperCase(java.util.Locale.ROOT) + " ", "IMMEDIATE"));

        JsonNode problem = assertProblem(reply, 422);
        assertThat(problem.get("field").asText()).isEqualTo("recipientEmail");
        assertThat(problem.get("reason").asText()).isEqualTo("OWN_EMAIL");
        assertThat(as(alice).get("/api/transfers?role=sent").json()).isEmpty();
    }

    @Test
    void aRecipientWithoutAProfileGetsTheSameAnswerAsOneWithAProfile() {
        Account other = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        Api.Reply known = as(alice).post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"));
        Api.Reply unknown = as(alice).post("/api/transfers", startBody(other, stranger, "IMMEDIATE"));

        assertThat(known.status()).as(known.body()).isEqualTo(201);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(201);
        assertThat(unknown.contentType()).isEqualTo(known.contentType());
        assertThat(unknown.header("Location")).isNotBlank();
        JsonNode a = known.json();
        JsonNode b = unknown.json();
        assertThat(fieldsSet(b)).isEqualTo(fieldsSet(a));
        assertThat(fieldsSet(b.get("preview"))).isEqualTo(fieldsSet(a.get("preview")));
        for (String same : List.of("sender", "billingMode", "status")) {
            assertThat(b.get(same)).as(same).isEqualTo(a.get(same));
        }
        assertThat(b.get("preview")).isEqualTo(a.get("preview"));
        assertThat(b.get("recipient").asText()).isEqualTo(stranger);
        // both offers go out; the stranger's in French, since it has no profile to say otherwise (T12)
        acceptLinkOf(mailbox.awaitMail(bob.email(), "is offered to you"));
        acceptLinkOf(mailbox.awaitMail(stranger, "vous est cédé"));
    }

    // T3

    @Test
    void aSecondPendingTransferOfTheSameAccountIsRefusedWith409() {
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);
        String first = start(alice, account, bob.email(), "IMMEDIATE").get("id").asText();

        Api.Reply second = as(alice).post("/api/transfers", startBody(account, carol.email(), "AT_RENEWAL"));

        JsonNode problem = assertProblem(second, 409);
        assertThat(problem.get("detail").asText()).contains(account.name());
        assertThat(as(alice).get("/api/transfers?role=sent").json()).hasSize(1);
        assertThat(assertOwnedBy(alice, carol, account).at("/pendingTransfer/id").asText()).isEqualTo(first);
        assertThat(as(carol).get("/api/transfers?role=received").json()).isEmpty();
    }

    @Test
    void twoTransfersOfOneAccountStartedAtTheSameMomentGiveOne201AndOne409() throws Exception {
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);
        Api aliceApi = as(alice);
        aliceApi.get("/api/profile");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Account contested = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Api.Reply> toBob = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return aliceApi.post("/api/transfers", startBody(contested, bob.email(), "IMMEDIATE"));
                });
                Future<Api.Reply> toCarol = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return aliceApi.post("/api/transfers", startBody(contested, carol.email(), "AT_RENEWAL"));
                });
                List<Api.Reply> replies = List.of(toBob.get(30, TimeUnit.SECONDS), toCarol.get(30, TimeUnit.SECONDS));

                assertThat(replies).extracting(Api.Reply::status).as("round %d: %s", round, replies)
                        .containsExactlyInAnyOrder(201, 409);
                Api.Reply loser = replies.stream().filter(reply -> reply.status() == 409).findFirst().orElseThrow();
                assertProblem(loser, 409);
                String winner = replies.stream().filter(reply -> reply.status() == 201).findFirst().orElseThrow()
                        .json().get("id").asText();
                JsonNode sent = aliceApi.get("/api/transfers?role=sent").json();
                assertThat(StreamSupport.stream(sent.spliterator(), false)
                        .filter(transfer -> contested.name().equals(transfer.get("account").asText())))
                        .singleElement().satisfies(transfer -> assertThat(transfer.get("id").asText()).isEqualTo(winner));
                assertThat(owned(alice, contested).orElseThrow().at("/pendingTransfer/id").asText()).isEqualTo(winner);
                process.awaitUserTask(winner);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    // T4

    @Test
    void startingATransferOfAnAccountWhoseSubscriptionIsNotActiveIsRefusedWith422() {
        closeSubscriptionOf(account);

        Api.Reply reply = as(alice).post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"));

        JsonNode problem = assertProblem(reply, 422);
        assertThat(problem.get("detail").asText()).contains(account.name(), "not active");
        assertThat(as(alice).get("/api/transfers?role=sent").json()).isEmpty();
    }

    /** Issue 19: the service names every rule an offer breaks at once; reason and field name the first, as before. */
    @Test
    void anOfferBreakingTwoRulesIsRefusedWithBothListed() {
        closeSubscriptionOf(account);

        JsonNode problem = assertProblem(as(alice).post("/api/transfers", startBody(account, "not-an-email",
                "IMMEDIATE")), 422);

        assertThat(problem.get("reason").asText()).isEqualTo("EMAIL_INVALID");
        assertThat(problem.get("field").asText()).isEqualTo("recipientEmail");
        assertThat(problem.get("violations")).extracting(violation -> violation.get("reason").asText())
                .containsExactly("EMAIL_INVALID", "SUBSCRIPTION_NOT_ACTIVE");
        assertThat(problem.get("violations").get(0).get("field").asText()).isEqualTo("recipientEmail");
        assertThat(problem.get("violations").get(1).has("field")).as("no one input is at fault").isFalse();
        assertThat(problem.get("detail").asText()).contains("not-an-email", "not active");
        assertThat(as(alice).get("/api/transfers?role=sent").json()).isEmpty();
    }

    /** A single broken rule keeps the problem's shape: reason and field, no list. */
    @Test
    void aDeclineReasonBreakingOneRuleHasNoListAndOneBreakingTwoListsBoth() {
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");

        JsonNode tooLong = assertProblem(as(bob).post("/api/transfers/" + id + "/decline",
                Map.of("reason", "x".repeat(Transfer.MAX_DECLINE_REASON_LENGTH + 1))), 422);
        JsonNode both = assertProblem(as(bob).post("/api/transfers/" + id + "/decline",
                Map.of("reason", "no\u0000" + "x".repeat(Transfer.MAX_DECLINE_REASON_LENGTH))), 422);

        assertThat(tooLong.get("reason").asText()).isEqualTo("TOO_LONG");
        assertThat(tooLong.get("field").asText()).isEqualTo("reason");
        assertThat(tooLong.get("detail").asText()).isEqualTo("A reason can have at most 500 characters.");
        assertThat(tooLong.has("violations")).isFalse();
        assertThat(both.get("reason").asText()).isEqualTo("CONTROL_CHARACTER");
        assertThat(both.get("violations")).extracting(violation -> violation.get("field").asText() + " "
                + violation.get("reason").asText()).containsExactly("reason CONTROL_CHARACTER", "reason TOO_LONG");
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void acceptingWhenTheSubscriptionIsNoLongerActiveIsRefusedWith422AndChangesNothing() {
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        closeSubscriptionOf(account);

        Api.Reply reply = as(bob).post("/api/transfers/" + id + "/accept", null);

        JsonNode problem = assertProblem(reply, 422);
        assertThat(problem.get("detail").asText()).contains(account.name(), "not active");
        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("PENDING");
        assertThat(owned(bob, account)).isEmpty();
        assertThat(owned(alice, account)).isPresent();
        assertThat(process.waitsAtUserTask(id)).isTrue();
    }

    // parties and states

    @Test
    void aProfileThatIsNeitherSenderNorRecipientIsToldTheTransferDoesNotExist() {
        Profile mallory = fixtures.customer("Mallory", Profile.Language.EN);
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        String nowhere = UUID.randomUUID().toString();

        for (String transfer : List.of(id, nowhere)) {
            assertProblem(as(mallory).get("/api/transfers/" + transfer), 404);
            assertProblem(as(mallory).post("/api/transfers/" + transfer + "/accept", null), 404);
            assertProblem(as(mallory).post("/api/transfers/" + transfer + "/cancel", null), 404);
            assertProblem(as(mallory).post("/api/transfers/" + transfer + "/decline", Map.of("reason", "no")), 404);
        }
        assertThat(as(mallory).get("/api/transfers/" + id).json().get("detail").asText().replace(id, "ID"))
                .isEqualTo(as(mallory).get("/api/transfers/" + nowhere).json().get("detail").asText()
                        .replace(nowhere, "ID"));
        assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
        assertThat(as(mallory).get("/api/transfers?role=received").json()).isEmpty();
    }

    @Test
    void decisionsOnATransferThatIsNoLongerPendingAreRefusedWith409() {
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");
        assertThat(as(alice).post("/api/transfers/" + id + "/cancel", null).status()).isEqualTo(200);

        assertThat(assertProblem(as(bob).post("/api/transfers/" + id + "/accept", null), 409).get("detail").asText())
                .contains("cancelled");
        assertProblem(as(bob).post("/api/transfers/" + id + "/decline", Map.of("reason", "late")), 409);
        assertProblem(as(alice).post("/api/transfers/" + id + "/cancel", null), 409);

        assertThat(transfer(bob, id).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(transfer(bob, id).get("declineReason").isNull()).isTrue();
        assertThat(owned(alice, account)).isPresent();
    }

    @Test
    void theSenderCannotDecideForTheRecipientNorTheRecipientCancelForTheSender() {
        String id = pendingOffer(alice, account, bob, "IMMEDIATE");

        assertThat(assertProblem(as(alice).post("/api/transfers/" + id + "/accept", null), 403).get("detail").asText())
                .contains(bob.email());
        assertProblem(as(alice).post("/api/transfers/" + id + "/decline", null), 403);
        assertProblem(as(bob).post("/api/transfers/" + id + "/cancel", null), 403);

        assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
        assertThat(process.waitsAtUserTask(id)).isTrue();
        assertThat(owned(alice, account)).isPresent();
    }

    // malformed requests and missing credentials

    @Test
    void malformedRequestsAreRefusedWith400() {
        Api me = as(alice);

        assertProblem(me.send("POST", "/api/transfers", "{\"account\": \"" + account.name() + "\","), 400);
        assertProblem(me.send("POST", "/api/transfers", "[]"), 400);
        assertProblem(me.send("POST", "/api/transfers", null), 400);
        assertProblem(me.post("/api/transfers", Map.of()), 400);
        JsonNode missing = assertProblem(me.post("/api/transfers",
                Map.of("account", account.name(), "recipientEmail", bob.email())), 400);
        assertThat(missing.get("detail").asText()).contains("billingMode");
        assertProblem(me.post("/api/transfers",
                Map.of("account", account.name(), "recipientEmail", bob.email(), "billingMode", "SOMEDAY")), 400);
        assertProblem(me.post("/api/transfers",
                Map.of("account", account.name(), "recipientEmail", bob.email(), "billingMode", "immediate")), 400);
        assertProblem(me.post("/api/transfers/not-a-uuid/accept", null), 400);
        assertProblem(me.post("/api/transfers/not-a-uuid/cancel", null), 400);
        assertProblem(me.post("/api/transfers/not-a-uuid/decline", null), 400);
        assertThat(assertProblem(me.get("/api/transfers/12345"), 400).get("detail").asText()).contains("12345");
        assertThat(assertProblem(me.get("/api/transfers"), 400).get("detail").asText()).contains("role");
        assertProblem(me.get("/api/transfers?role=everything"), 400);
        assertProblem(me.post("/api/transfers", startBody(account, bob.email(), "IMMEDIATE"),
                Map.of("Idempotency-Key", "k".repeat(101))), 422);

        assertThat(me.get("/api/transfers?role=sent").json()).isEmpty();
        assertThat(owned(alice, account).orElseThrow().get("pendingTransfer").isNull()).isTrue();
    }

    @Test
    void callsWithoutValidCredentialsAreRefusedWith401() {
        String id = UUID.randomUUID().toString();

        for (Api anonymous : List.of(api, api.as(alice.email(), "wrong-password"), api.as("nobody@example.test", "x"))) {
            assertProblem(anonymous.post("/api/transfers", startBody(account, "bob@example.test", "IMMEDIATE")), 401);
            assertProblem(anonymous.get("/api/transfers?role=sent"), 401);
            assertProblem(anonymous.get("/api/transfers/" + id), 401);
            assertProblem(anonymous.post("/api/transfers/" + id + "/accept", null), 401);
        }
        assertThat(api.get("/api/transfers?role=sent").header("WWW-Authenticate")).startsWith("Basic");
        assertThat(as(alice).get("/api/transfers?role=sent").json()).isEmpty();
    }

    private void closeSubscriptionOf(Account account) {
        transaction.executeWithoutResult(status -> {
            Subscription subscription = subscriptions.findActiveByAccount(account.id()).orElseThrow();
            subscription.close(calendar.now(), Subscription.CloseReason.CANCELLED);
            subscriptions.save(subscription);
        });
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The names of the fields that hold a value (not null). */
    private static Set<String> fieldsSet(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                names.add(field.getKey());
            }
        });
        return names;
    }
}
