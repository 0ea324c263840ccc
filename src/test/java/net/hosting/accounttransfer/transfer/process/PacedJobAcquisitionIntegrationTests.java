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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The job executor as shipped, with a pause long enough to see: a step that commits right after a round of
 * acquisition waits for the pause instead of waking the executor at once, and a step after a quiet moment is taken
 * at once. Camunda's own executor woke for each (one acquisition per step under load, issue 20).
 */
@TestPropertySource(properties = "app.job-acquisition-pause=" + PacedJobAcquisitionIntegrationTests.PAUSE_MILLIS + "ms")
class PacedJobAcquisitionIntegrationTests extends IntegrationTest {

    static final long PAUSE_MILLIS = 4_000;
    private static final Duration PAUSE = Duration.ofMillis(PAUSE_MILLIS);

    @Autowired
    private ProcessEngine engine;

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

        // the round that took that offer's step began after quietOver, and found one step of the four it asked for:
        // the next round waits until the pause since it began is over, though this commit wakes the executor
        TransfersByApi.start(asSender, accounts[2].name(), recipients[2], "IMMEDIATE");
        mailbox.awaitMail(recipients[2], accounts[2].name());
        Duration afterARound = Duration.ofNanos(System.nanoTime() - quietOver);

        assertThat(afterQuiet).as("an offer after a quiet moment").isLessThan(PAUSE);
        assertThat(afterARound).as("an offer committed just after a round").isGreaterThanOrEqualTo(PAUSE);
    }
}
