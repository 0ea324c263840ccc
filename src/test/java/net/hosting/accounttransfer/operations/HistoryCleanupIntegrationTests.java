package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import net.hosting.accounttransfer.bench.EngineFloor;
import net.hosting.accounttransfer.bench.ServiceEngineSettings;
import net.hosting.accounttransfer.transfer.process.TransferProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/**
 * History cleanup under the service's own engine settings (application.yaml, removal-time strategy included) and
 * its own BPMN with its time to live, on a real (embedded) PostgreSQL: a finished transfer's history goes once its
 * time is up, and no transfer loses its history while it can still run. The steps are no-ops (the engine floor of
 * the benchmark): what is under test is the engine's configuration and the model, not the steps.
 */
class HistoryCleanupIntegrationTests {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void cleanupRemovesAFinishedTransfersHistoryAfterItsTimeToLiveAndNeverARunningOnes() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            ProcessEngine engine = EngineFloor.configuration(postgres.getPostgresDatabase(),
                    new ServiceEngineSettings(Map.of()), false).buildProcessEngine();
            // Camunda's clock is JVM-wide: every test after this one must find it reset
            ClockUtil.setCurrentTime(Date.from(START));
            try {
                engine.getRepositoryService().createDeployment().addClasspathResource(EngineFloor.PROCESS_BPMN)
                        .deploy();
                HistoryService history = engine.getHistoryService();
                // started in the same instant: one billed at once, one waiting for a yearly renewal, the longest
                // a transfer can run (14 days of offer, accepted on the first, then a year to the renewal)
                String finished = EngineFloor.start(engine, "IMMEDIATE");
                String waiting = EngineFloor.start(engine, "AT_RENEWAL");
                BareEngineSteps.accept(engine, finished);
                BareEngineSteps.accept(engine, waiting);
                BareEngineSteps.runDueJobs(engine);
                assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(finished).finished()
                        .count()).isEqualTo(1);
                assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(waiting)
                        .activityIdIn("TimerEvent_RenewalDate").count()).isEqualTo(1);
                Date renewal = (Date) engine.getRuntimeService().getVariable(waiting, TransferProcess.RENEWAL_DATE);
                long waitingRows = historyRows(history, waiting);

                // the last minute before the waiting transfer's renewal: it still runs, and its history stays whole
                ClockUtil.setCurrentTime(Date.from(renewal.toInstant().minus(Duration.ofMinutes(1))));
                cleanUp(engine);
                assertThat(historyRows(history, waiting)).isEqualTo(waitingRows);
                assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(waiting).count())
                        .isEqualTo(1);

                // past the finished one's removal time (its start plus the process's time to live), its history goes
                Integer timeToLive = engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(TransferProcess.PROCESS_ID).singleResult().getHistoryTimeToLive();
                assertThat(historyRows(history, finished)).isPositive();
                ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofDays(timeToLive + 1L))));
                cleanUp(engine);
                assertThat(historyRows(history, finished)).as(describe(history, finished)).isZero();
                assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(finished).count()).isZero();
            } finally {
                ClockUtil.reset();
                engine.close();
            }
        }
    }

    /** Runs Camunda's history cleanup job now, as its batch window would. */
    private static void cleanUp(ProcessEngine engine) {
        Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
        engine.getManagementService().executeJob(cleanup.getId());
    }

    private static String describe(HistoryService history, String instance) {
        return "procinst " + history.createHistoricProcessInstanceQuery().processInstanceId(instance).count()
                + " actinst " + history.createHistoricActivityInstanceQuery().processInstanceId(instance).list()
                + " varinst " + history.createHistoricVariableInstanceQuery().processInstanceId(instance).list()
                + " detail " + history.createHistoricDetailQuery().processInstanceId(instance).list()
                + " joblog " + history.createHistoricJobLogQuery().processInstanceId(instance).list().stream()
                        .map(l -> l.getActivityId() + " " + l.getJobDefinitionType() + " created " + l.isCreationLog()
                                + " failed " + l.isFailureLog() + " ok " + l.isSuccessLog() + " deleted " + l.isDeletionLog()
                                + " at " + l.getTimestamp() + " removal " + l.getRemovalTime()).toList()
                + " task " + history.createHistoricTaskInstanceQuery().processInstanceId(instance).list();
    }

    /** The instance's rows in the history tables staff see in Cockpit. */
    private static long historyRows(HistoryService history, String instance) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instance).count()
                + history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()
                + history.createHistoricVariableInstanceQuery().processInstanceId(instance).count()
                + history.createHistoricDetailQuery().processInstanceId(instance).count()
                + history.createHistoricJobLogQuery().processInstanceId(instance).count()
                + history.createHistoricTaskInstanceQuery().processInstanceId(instance).count();
    }
}
