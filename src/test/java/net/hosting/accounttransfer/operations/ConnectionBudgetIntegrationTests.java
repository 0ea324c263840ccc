package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.config.CapacityProperties;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.notification.Mailer;
import net.hosting.accounttransfer.notification.OutgoingMail;
import net.hosting.accounttransfer.profile.ApiTokens;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.ConnectionWatch;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9 under real load: the application on its configured pool, real HTTP, PostgreSQL and SMTP. No thread
 * ever holds two connections, 32 concurrent clients see no failure and no pool timeout, and an answer is never
 * built from a second transaction after the decision committed.
 */
@Import(ConnectionWatch.class)
@ExtendWith(OutputCaptureExtension.class)
class ConnectionBudgetIntegrationTests extends IntegrationTest {

    private static final int CLIENTS = 32;
    private static final int LIFECYCLES_PER_CLIENT = 2;

    @Autowired
    ConnectionWatch watch;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CapacityProperties capacity;

    @Autowired
    Mailer mailer;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aDecisionIsAnsweredFromItsOwnTransactionWithNoSecondConnection() {
        Profile sender = fixtures.customer("Sender", Profile.Language.EN);
        Profile recipient = fixtures.customer("Recipient", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, 10);
        // one connection for the whole of each call once signed in: a second one, after the commit, would fail
        Map<String, String> oneConnection = Map.of(ConnectionWatch.BUDGET_HEADER, "1");

        Api.Reply created = api.withToken(token(sender)).post("/api/transfers", Map.of("account", account.name(),
                "recipientEmail", recipient.email(), "billingMode", "IMMEDIATE"), oneConnection);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("sender").asText()).isEqualTo(sender.email());
        assertThat(created.json().get("preview").get("recipientCharge").get("amount").get("amount").asText())
                .as("9.99 + 20% VAT").isEqualTo("11.99");

        String id = created.json().get("id").asText();
        Api.Reply accepted = api.withToken(token(recipient)).post("/api/transfers/" + id + "/accept", null,
                oneConnection);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("decidedAt").isNull()).isFalse();
        assertThat(jdbc.queryForObject("select status from transfer where id = ?::uuid", String.class, id))
                .isIn("ACCEPTED", "COMPLETED");
    }

    @Test
    void thirtyTwoClientsRunFullLifecyclesWithNoFailureNoPoolTimeoutAndOneConnectionPerThread(CapturedOutput log)
            throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Profile sender = fixtures.customer("Load", Profile.Language.EN);
            Profile recipient = fixtures.customer("Taker", Profile.Language.FR);
            List<Account> accounts = new ArrayList<>();
            for (int j = 0; j < LIFECYCLES_PER_CLIENT; j++) {
                accounts.add(fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, 10));
            }
            clients.add(new Client(api.withToken(token(sender)), api.withToken(token(recipient)), recipient.email(),
                    accounts));
        }
        watch.forget();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<UUID> started = new CopyOnWriteArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(pool.submit(() -> client.run(started, failures)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int lifecycles = CLIENTS * LIFECYCLES_PER_CLIENT;
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(started).hasSize(lifecycles);
        String ids = "'" + String.join("','", started.stream().map(UUID::toString).toList()) + "'";
        Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc
                .queryForObject("select count(*) from transfer where status = 'COMPLETED' and id in (" + ids + ")",
                        Integer.class) == lifecycles);
        // the last step, the recipient's completion mail, runs after COMPLETED is set
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> count(
                "select count(*) from sent_mail where idempotency_key like 'transfer:%:completed:recipient' and "
                        + "split_part(idempotency_key, ':', 2) in (" + ids + ")") == lifecycles);

        assertThat(count("select count(*) from invoice where idempotency_key in (" + keys(started, "recipient-invoice")
                + ")")).as("one invoice per transfer").isEqualTo(lifecycles);
        assertThat(count("select count(*) from invoice where idempotency_key in (" + keys(started, "sender-refund")
                + ")")).as("one credit note per transfer").isEqualTo(lifecycles);
        assertThat(count("select count(*) from sent_mail where idempotency_key like 'transfer:%:completed:sender' and "
                + "split_part(idempotency_key, ':', 2) in (" + ids + ")")).isEqualTo(lifecycles);
        assertThat(count("select count(*) from act_ru_incident")).as("incidents").isZero();
        // Camunda's history cleanup job (in its batch window) schedules its next run in a new transaction from
        // its commit hook: the engine's own, one job at a time, and what CapacityProperties.RESERVED leaves room for
        assertThat(watch.secondConnections()).filteredOn(place -> !place.contains("HistoryCleanupHandler"))
                .as("threads that held two connections at once").isEmpty();
        assertThat(log.getAll()).doesNotContain("Connection is not available");
        assertThat(capacity.databaseConnections())
                .isGreaterThanOrEqualTo(CapacityProperties.needed(capacity.webThreads(), capacity.jobThreads()));
    }

    @Test
    void aTransactionThatRollsBackAfterItsMailWentOutWritesTheKeyOnASecondConnectionWhileItHoldsTheFirst() {
        String to = "budget-" + Fixtures.unique() + "@example.test";
        OutgoingMail mail = new OutgoingMail("test:budget:" + to, to, Locale.ENGLISH, "email-change-notice",
                Map.of("name", "Carol", "currentEmail", to, "newEmail", "carol.new@example.test", "expiresAt",
                        Instant.parse("2027-01-10T09:00:00Z")));
        watch.forget();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            mailer.send(mail);
            throw new IllegalStateException("a later statement failed");
        })).hasMessage("a later statement failed");

        assertThat(mailer.alreadySent(mail.idempotencyKey())).isTrue();
        // why CapacityProperties keeps two connections per job thread
        assertThat(watch.secondConnections()).as("threads that held two connections at once")
                .anyMatch(place -> place.contains("KeepRecordOnRollback"));
    }

    private record Client(Api sender, Api recipient, String recipientEmail, List<Account> accounts) {

        void run(List<UUID> started, List<String> failures) {
            for (Account account : accounts) {
                Api.Reply created = sender.post("/api/transfers", Map.of("account", account.name(),
                        "recipientEmail", recipientEmail, "billingMode", "IMMEDIATE"));
                if (created.status() != 201) {
                    failures.add("create " + created.status() + " " + created.body());
                    continue;
                }
                UUID id = UUID.fromString(created.json().get("id").asText());
                started.add(id);
                Api.Reply accepted = recipient.post("/api/transfers/" + id + "/accept", null);
                if (accepted.status() != 200) {
                    failures.add("accept " + accepted.status() + " " + accepted.body());
                }
            }
        }
    }

    private String token(Profile profile) {
        return tokens.issue(profile.id(), "load test", new Actor(profile.email(), "127.0.0.1")).secret();
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private static String keys(List<UUID> ids, String kind) {
        return "'" + String.join("','", ids.stream().map(id -> "transfer:" + id + ":" + kind).toList()) + "'";
    }
}
