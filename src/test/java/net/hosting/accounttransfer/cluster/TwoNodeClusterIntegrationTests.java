package net.hosting.accounttransfer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import net.hosting.accounttransfer.support.Nodes;
import net.hosting.accounttransfer.support.Records;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of the service in production mode on one PostgreSQL, as a Camunda homogeneous cluster: both job
 * executors compete for the same jobs, customers reach either node, and still every mail and every billing
 * document exists exactly once.
 */
class TwoNodeClusterIntegrationTests {

    private static final int TRANSFERS = 12;

    @RegisterExtension
    static final Nodes CLUSTER = Nodes.onFreshDatabase(2, () -> IntegrationTest.SMTP_PORT);


    @Test
    void eachNodeTakesTheSettingsTheTestGivesItOverApplicationYaml() {
        // given as default properties, they lost to application.yaml, and the nodes retried every 5 minutes
        for (ConfigurableApplicationContext node : List.of(CLUSTER.node(0), CLUSTER.node(1))) {
            // what each node's engine retries failed steps with (transfer.retry-cycle becomes this setting)
            ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class)
                    .getProcessEngineConfiguration();
            assertThat(engine.getFailedJobRetryTimeCycle()).isEqualTo("R3/PT1S");
        }
    }

    @Test
    void transfersStartedOnOneNodeAndAcceptedOnTheOtherAreMailedAndBilledExactlyOnce() throws Exception {
        Fixtures fixtures = Nodes.fixtures(CLUSTER.node(0));
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.FR);
        Api aliceOnA = Nodes.api(CLUSTER.node(0)).as(alice.email(), Fixtures.PASSWORD);
        Api bobOnB = Nodes.api(CLUSTER.node(1)).as(bob.email(), Fixtures.PASSWORD);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            accounts.add(fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 3 + i));
        }

        JdbcTemplate jdbc = CLUSTER.node(0).getBean(JdbcTemplate.class);
        ExecutorService customers = Executors.newFixedThreadPool(4);
        List<Future<UUID>> done = new ArrayList<>();
        for (Account account : accounts) {
            done.add(customers.submit(() -> {
                UUID id = TransfersByApi.start(aliceOnA, account.name(), bob.email(), "IMMEDIATE");
                awaitOffer(bob.email(), id);
                TransfersByApi.accept(bobOnB, id);
                TransfersByApi.awaitStatus(aliceOnA, id, "COMPLETED");
                // the completion mails are the step after the one that marks the transfer completed
                long completed = System.nanoTime();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> mailsRecorded(jdbc, id) >= 3);
                System.out.printf("Completion mails of %s recorded %d ms after COMPLETED was seen%n", id,
                        (System.nanoTime() - completed) / 1_000_000);
                return id;
            }));
        }
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> transfer : done) {
            ids.add(transfer.get());
        }
        customers.shutdown();

        for (UUID id : ids) {
            assertThat(jdbc.queryForObject("select count(*) from invoice where idempotency_key like ?", Integer.class,
                    "transfer:" + id + ":%")).as("recipient invoice and sender credit note of " + id).isEqualTo(2);
            assertThat(mailsRecorded(jdbc, id)).as("offer + completed to both, recorded once each").isEqualTo(3);
            Mailbox mailbox = new Mailbox();
            long received = mailbox.all().stream().filter(mail -> mail.text().contains(id.toString())).count();
            assertThat(received).as("mails that reached SMTP for " + id).isEqualTo(3);
        }
        // both nodes numbered documents from the one counter: the year's numbers still run 1..n without a gap
        Records.assertDocumentNumbersWithoutGap(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from act_ru_incident", Integer.class)).isZero();

        // which node ran the jobs is up to the cluster; print it, the guarantees above hold either way
        Records.jobsCompletedByNode(jdbc).forEach((node, jobs) -> System.out.printf("Jobs completed by %s: %s%n", node, jobs));
    }

    private static int mailsRecorded(JdbcTemplate jdbc, UUID id) {
        return jdbc.queryForObject("select count(*) from sent_mail where idempotency_key like ?", Integer.class,
                "transfer:" + id + ":%");
    }

    private static void awaitOffer(String to, UUID id) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40)).until(() -> new Mailbox().to(to)
                .stream().anyMatch(mail -> mail.text().contains(id.toString())));
    }
}
