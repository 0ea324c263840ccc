package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Nodes;
import net.hosting.accounttransfer.support.Records;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 4 of the fault suite: in each round the recipient accepts on node A and the sender cancels on node B in
 * the same instant. Exactly one of them wins, the other is told 409; an accepted transfer is billed, a cancelled one
 * is not, and the document numbers of both nodes run without a gap.
 */
@ResourceLock(FaultRun.TEST_SMTP)
class CrossNodeRaceFaultTests {

    private static final int ROUNDS = FaultSize.pick(100, 20);
    /** Rounds raced side by side, each by its own pair of clients. */
    private static final int TABLES = 4;

    @RegisterExtension
    static final Nodes CLUSTER = Nodes.onFreshDatabase(2, () -> IntegrationTest.SMTP_PORT,
            // a few customers make all the offers; S4 has its own tests
            "transfer.max-offers-per-day=1000000");


    private record Round(UUID transfer, int accept, int cancel) {

        String winner() {
            return accept == 200 && cancel == 409 ? "accept" : cancel == 200 && accept == 409 ? "cancel"
                    : "accept " + accept + ", cancel " + cancel;
        }
    }

    @Test
    void acceptOnOneNodeAndCancelOnTheOtherHaveExactlyOneWinnerEachRound() throws Exception {
        IntegrationTest.SMTP.purgeEmailFromAllMailboxes();
        Fixtures fixtures = Nodes.fixtures(CLUSTER.node(0));
        JdbcTemplate jdbc = CLUSTER.node(0).getBean(JdbcTemplate.class);
        long start = System.nanoTime();
        ExecutorService tables = Executors.newFixedThreadPool(TABLES);
        ExecutorService racers = Executors.newFixedThreadPool(2 * TABLES);
        List<Future<List<Round>>> played = new ArrayList<>();
        for (int table = 0; table < TABLES; table++) {
            int rounds = ROUNDS / TABLES + (table < ROUNDS % TABLES ? 1 : 0);
            Profile sender = fixtures.customer("Sender", Profile.Language.EN);
            Profile recipient = fixtures.customer("Recipient", Profile.Language.FR);
            Api senderOnA = Nodes.api(CLUSTER.node(0)).as(sender.email(), Fixtures.PASSWORD);
            Api senderOnB = Nodes.api(CLUSTER.node(1)).as(sender.email(), Fixtures.PASSWORD);
            Api recipientOnA = Nodes.api(CLUSTER.node(0)).as(recipient.email(), Fixtures.PASSWORD);
            played.add(tables.submit(() -> {
                List<Round> results = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    String account = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, 1 + round % 25).name();
                    UUID id = TransfersByApi.start(senderOnA, account, recipient.email(), "IMMEDIATE");
                    FaultRun.awaitOfferMailed(jdbc, id, Duration.ofMinutes(2));
                    CyclicBarrier bothReady = new CyclicBarrier(2);
                    Future<Api.Reply> accept = racers.submit(() -> {
                        bothReady.await();
                        return recipientOnA.post("/api/transfers/" + id + "/accept", null);
                    });
                    Future<Api.Reply> cancel = racers.submit(() -> {
                        bothReady.await();
                        return senderOnB.post("/api/transfers/" + id + "/cancel", null);
                    });
                    results.add(new Round(id, accept.get().status(), cancel.get().status()));
                }
                return results;
            }));
        }
        List<Round> rounds = new ArrayList<>();
        for (Future<List<Round>> table : played) {
            rounds.addAll(table.get());
        }
        tables.shutdown();
        racers.shutdown();
        FaultRun.awaitDrained(jdbc, Duration.ofMinutes(10));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);

        Map<String, Long> winners = rounds.stream()
                .collect(Collectors.groupingBy(Round::winner, TreeMap::new, Collectors.counting()));
        ExactlyOnce.Expected expected = new ExactlyOnce.Expected();
        for (Round round : rounds) {
            if (round.winner().equals("accept")) {
                expected.completedNow(round.transfer());
            } else {
                expected.cancelled(round.transfer());
            }
        }
        ExactlyOnce.Result result = ExactlyOnce.check(jdbc, IntegrationTest.SMTP, expected, ExactlyOnce.Commits.KEPT);
        FaultRun.report("accept/cancel races across two nodes", String.format("%d races (won: %s), drained in %.1f s,"
                + " jobs by node %s", ROUNDS, winners, drain.toMillis() / 1000.0, Records.jobsCompletedByNode(jdbc)),
                result);
        assertThat(winners.keySet()).as("one winner and one 409 in each round").isSubsetOf("accept", "cancel");
        assertThat(result.broken()).as("exactly-once").isEmpty();
    }
}
