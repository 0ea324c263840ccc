package net.hosting.accounttransfer.transfer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job executor as shipped, with a pause long enough to see: a step that commits right after a round of
 * acquisition waits for the pause instead of waking the executor at once, and a step after a quiet moment is taken
 * at once. Camunda's own executor woke for each (one acquisition per step under load, issue 20). A backlog larger
 * than the step threads and their queue drains with no pause at all (10,000 renewals due at once, P3).
 */
@TestPropertySource(properties = "app.job-acquisition-pause=" + PacedJobAcquisitionIntegrationTests.PAUSE_MILLIS + "ms")
class PacedJobAcquisitionIntegrationTests extends IntegrationTest {

    static final long PAUSE_MILLIS = 4_000;
    private static final Duration PAUSE = Duration.ofMillis(PAUSE_MILLIS);

    @Autowired
    private ProcessEngine engine;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void theEngineRunsTheStartersSettingsOnThePacedExecutor() {
        var executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();

        assertThat(executor).isInstanceOf(PacedJobExecutor.class);
        assertThat(executor.isActive()).isTrue();
        // application.yaml: app.capacity.job-threads (4 threads and a queue of 4, filled by one round) and the lock time
        assertThat(executor.getMaxJobsPerAcquisition()).isEqualTo(8);
        assertThat(executor.getLockTimeInMillis()).isEqualTo(60_000);
    }

    @Test
    void aStepCommittedJustAfterARoundWaitsOutThePauseAndOneAfterAQuietMomentIsTakenAtOnce() throws Exception {
        Profile sender = fixtures.customer("Paced", Profile.Language.EN);
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        String[] recipients = new String[3];
        Account[] accounts = new Account[3];
        for (int i = 0; i < 3; i++) {
            recipients[i] = fixtures.customer("Recipient" + i, Profile.Language.EN).email();
            accounts[i] = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, 10);
        }
        // a first offer, untimed: the first request, process start and mail of a fresh context are slow
        TransfersByApi.start(asSender, accounts[0].name(), recipients[0], "IMMEDIATE");
        mailbox.awaitMail(recipients[0], accounts[0].name());
        // then a quiet moment longer than the pause
        Thread.sleep(PAUSE_MILLIS + 500);

        long quietOver = System.nanoTime();
        TransfersByApi.start(asSender, accounts[1].name(), recipients[1], "IMMEDIATE");
        mailbox.awaitMail(recipients[1], accounts[1].name());
        Duration afterQuiet = Duration.ofNanos(System.nanoTime() - quietOver);

        // the round that took that offer's step began after quietOver, and found one step of the eight it asked for:
        // the next round waits until the pause since it began is over, though this commit wakes the executor
        TransfersByApi.start(asSender, accounts[2].name(), recipients[2], "IMMEDIATE");
        mailbox.awaitMail(recipients[2], accounts[2].name());
        Duration afterARound = Duration.ofNanos(System.nanoTime() - quietOver);

        assertThat(afterQuiet).as("an offer after a quiet moment").isLessThan(PAUSE);
        assertThat(afterARound).as("an offer committed just after a round").isGreaterThanOrEqualTo(PAUSE);
    }

    /**
     * Forty steps of 100 ms due in one commit, on 4 step threads and a queue of 4: rounds that find all they ask for,
     * and rounds whose steps the full threads refuse, are followed at once, so the backlog drains in about a second.
     * Pacing those rounds, as this executor first did, left the threads idle for a pause each time (20 s here; the
     * 10,000 renewals drained 31 s slower on two nodes). And no round reads the job table for more while the threads
     * refuse steps, nor only because a step thread finished.
     */
    @Test
    void aBacklogLargerThanTheStepThreadsDrainsWithoutAPause() throws InterruptedException {
        int steps = 40;
        Deployment deployment = deployOneSlowStep("PacedBacklog");
        try {
            // a round that found a few steps (this context's first, or another test's) paces the next one: the
            // backlog must not arrive inside that pause, or it waits it out as a trickle would
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> engine.getManagementService().createJobQuery().executable().count() == 0);
            Thread.sleep(PAUSE_MILLIS + 500);
            long acquisitionsBefore = acquisitions();
            long committed = transaction.execute(status -> {
                for (int i = 0; i < steps; i++) {
                    engine.getRuntimeService().startProcessInstanceByKey("PacedBacklog");
                }
                return System.nanoTime();
            });
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                            .processDefinitionKey("PacedBacklog").finished().count() == steps);
            Duration drained = Duration.ofNanos(System.nanoTime() - committed);
            long acquired = acquisitions() - acquisitionsBefore;

            // 40 × 100 ms on 4 threads is 1 s; each pause would add 4 s
            assertThat(drained).as("forty steps due at once, drained").isLessThan(PAUSE);
            // 5 rounds of 8 and one that finds the table empty (6 here, also with both cores busy); asking the table
            // for more while the threads refuse what they hold cost one round per step (43), and letting each finished
            // step wake a round of its own, as Camunda does, 13 to 22
            assertThat(acquired).as("rounds that read the job table for forty steps").isLessThanOrEqualTo(steps / 4);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    /** A process of one step of 100 ms, after an async continuation: a job each time it starts. */
    private Deployment deployOneSlowStep(String key) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask().camundaAsyncBefore().camundaClass(SlowStep.class.getName())
                .endEvent().done();
        return engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy();
    }

    /** Rounds of acquisition that read the job table so far (Camunda's metric, reported now). */
    private long acquisitions() {
        engine.getManagementService().reportDbMetricsNow();
        return engine.getManagementService().createMetricsQuery().name(Metrics.JOB_ACQUISITION_ATTEMPT).sum();
    }

    /** A step that takes 100 ms and no CPU, as a step waiting on the mail relay or the database does. */
    public static class SlowStep implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) throws InterruptedException {
            Thread.sleep(100);
        }
    }
}
