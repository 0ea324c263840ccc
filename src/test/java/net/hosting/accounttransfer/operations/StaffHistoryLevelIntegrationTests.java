package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import net.hosting.accounttransfer.bench.EngineFloor;
import net.hosting.accounttransfer.bench.ServiceEngineSettings;
import net.hosting.accounttransfer.transfer.process.StaffHistoryPlugin;
import net.hosting.accounttransfer.transfer.process.TransferProcess;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/**
 * The service's history level ({@code staff}, application.yaml) on its own engine settings and BPMN, on a real
 * (embedded) PostgreSQL: what staff read is still recorded (the user operation log of their Cockpit actions,
 * incidents, the job log, variables, tasks and steps), what nobody reads is not (variable details, the activity
 * instances of start and end events and gateways), and a database the service wrote at FULL moves to it on start.
 * The steps are the engine floor's no-ops, one of which fails on purpose where a failure is what is under test.
 */
class StaffHistoryLevelIntegrationTests {

    private static final String STAFF = "staff-operator";

    @Test
    void staffActionsIncidentsJobLogVariablesAndStepsAreRecordedButNotVariableDetailsStartAndEndEventsOrGateways()
            throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            AtomicBoolean smtpDown = new AtomicBoolean(true);
            StandaloneProcessEngineConfiguration configuration = EngineFloor.configuration(dataSource,
                    new ServiceEngineSettings(Map.of()), false);
            // the offer mail's step fails while the relay is down, as the service's does
            configuration.getBeans().put("notifyRecipientDelegate", (JavaDelegate) execution -> {
                if (smtpDown.get()) {
                    throw new IllegalStateException("SMTP relay refused the offer mail");
                }
            });
            ProcessEngine engine = configuration.buildProcessEngine();
            try {
                // a fresh database takes the configured level
                assertThat(storedHistoryLevel(dataSource)).isEqualTo(Integer.toString(StaffHistoryPlugin.Level.ID));
                assertThat(engine.getManagementService().getHistoryLevel()).isEqualTo(StaffHistoryPlugin.Level.ID);
                engine.getRepositoryService().createDeployment().addClasspathResource(EngineFloor.PROCESS_BPMN)
                        .deploy();
                HistoryService history = engine.getHistoryService();
                String instance = EngineFloor.start(engine, "IMMEDIATE");

                // the offer step fails until its retries run out: the job log has each failure, Cockpit an incident
                Job offer = engine.getManagementService().createJobQuery().processInstanceId(instance)
                        .activityId("Task_NotifyRecipient").singleResult();
                while (engine.getManagementService().createJobQuery().jobId(offer.getId()).singleResult()
                        .getRetries() > 0) {
                    assertThatThrownBy(() -> engine.getManagementService().executeJob(offer.getId()))
                            .hasMessageContaining("SMTP relay refused");
                }
                assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count())
                        .isEqualTo(5);
                assertThat(history.createHistoricIncidentQuery().processInstanceId(instance).open().count())
                        .isEqualTo(1);

                // staff correct a variable and retry the step in Cockpit, signed in: both are in the operation log
                smtpDown.set(false);
                engine.getIdentityService().setAuthenticatedUserId(STAFF);
                try {
                    engine.getRuntimeService().setVariable(instance, TransferProcess.RECIPIENT_EMAIL,
                            "corrected@bench.test");
                    engine.getManagementService().setJobRetries(offer.getId(), 1);
                } finally {
                    engine.getIdentityService().clearAuthentication();
                }
                assertThat(history.createUserOperationLogQuery().processInstanceId(instance).userId(STAFF).list())
                        .extracting(UserOperationLogEntry::getOperationType, UserOperationLogEntry::getEntityType)
                        .contains(tuple(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE,
                                        EntityTypes.VARIABLE),
                                tuple(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES,
                                        EntityTypes.JOB));

                // the retried step is due after the retry cycle's wait; it runs now, as "execute" in Cockpit would
                engine.getManagementService().executeJob(offer.getId());
                BareEngineSteps.accept(engine, instance);
                BareEngineSteps.runDueJobs(engine);
                HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                        .processInstanceId(instance).finished().singleResult();
                assertThat(ended).isNotNull();
                assertThat(history.createHistoricIncidentQuery().processInstanceId(instance).resolved().count())
                        .isEqualTo(1);
                assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).successLog().count())
                        .isPositive();
                assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance)
                        .taskDefinitionKey(TransferProcess.USER_TASK_ACCEPT).finished().count()).isEqualTo(1);

                // variables: the last value of each, searchable; never the values they had before
                assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
                        .variableName(TransferProcess.RECIPIENT_EMAIL).singleResult().getValue())
                        .isEqualTo("corrected@bench.test");
                assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
                        .variableValueEquals(TransferProcess.BILLING_MODE, "IMMEDIATE").count()).isEqualTo(1);
                assertThat(history.createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
                assertThat(count(dataSource, "select count(*) from act_hi_detail")).isZero();

                // the steps and the wait states, and none of the start events, end events and gateways passed through
                assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).list())
                        .extracting(HistoricActivityInstance::getActivityId)
                        .containsExactlyInAnyOrder("SubProcess_OfferPending", "Task_NotifyRecipient",
                                "UserTask_AcceptTransfer", "Task_TransferOwnership", "Task_InvoiceRecipient",
                                "Task_RefundSender", "Task_CompleteTransfer", "Task_NotifyTransferCompleted");
                // where it started and ended stays on the process instance
                assertThat(ended.getStartActivityId()).isEqualTo("StartEvent_TransferRequested");
                assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_TransferCompleted");

                // a boundary event is kept: the expiry path records the timer that ended the offer
                String expired = EngineFloor.start(engine, "IMMEDIATE");
                BareEngineSteps.runDueJobs(engine);
                engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                        .processInstanceId(expired).activityId("BoundaryEvent_OfferExpired").singleResult().getId());
                BareEngineSteps.runDueJobs(engine);
                assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expired).list())
                        .extracting(HistoricActivityInstance::getActivityId)
                        .contains("BoundaryEvent_OfferExpired", "Task_ExpireTransfer", "Task_NotifyTransferExpired")
                        .doesNotContain("EndEvent_TransferExpired", "StartEvent_OfferMade", "Gateway_MailAndWait");
                assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(expired).finished()
                        .singleResult().getEndActivityId()).isEqualTo("EndEvent_TransferExpired");
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void aDatabaseTheServiceWroteAtFullMovesToTheStaffLevelOnStartAndItsRunningTransfersCarryOn() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            // the service as it was: the same settings at full history
            ProcessEngine before = EngineFloor.configuration(dataSource,
                    new ServiceEngineSettings(Map.of("camunda.bpm.history-level", "full")), false).buildProcessEngine();
            String instance;
            try {
                before.getRepositoryService().createDeployment().addClasspathResource(EngineFloor.PROCESS_BPMN)
                        .deploy();
                instance = EngineFloor.start(before, "IMMEDIATE");
                BareEngineSteps.runDueJobs(before);
            } finally {
                before.close();
            }
            assertThat(storedHistoryLevel(dataSource)).isEqualTo("3");
            long detailsAtFull = count(dataSource, "select count(*) from act_hi_detail");
            assertThat(detailsAtFull).isPositive();

            ProcessEngine after = EngineFloor.configuration(dataSource, new ServiceEngineSettings(Map.of()), false)
                    .buildProcessEngine();
            try {
                assertThat(storedHistoryLevel(dataSource)).isEqualTo(Integer.toString(StaffHistoryPlugin.Level.ID));
                BareEngineSteps.accept(after, instance);
                BareEngineSteps.runDueJobs(after);
                assertThat(after.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                        .finished().singleResult().getEndActivityId()).isEqualTo("EndEvent_TransferCompleted");
                // what FULL wrote stays until history cleanup; nothing more is added
                assertThat(count(dataSource, "select count(*) from act_hi_detail")).isEqualTo(detailsAtFull);
            } finally {
                after.close();
            }
            // a second start finds the level already moved
            ProcessEngine again = EngineFloor.configuration(dataSource, new ServiceEngineSettings(Map.of()), false)
                    .buildProcessEngine();
            again.close();
            assertThat(storedHistoryLevel(dataSource)).isEqualTo(Integer.toString(StaffHistoryPlugin.Level.ID));
        }
    }

    @Test
    void aDatabaseAtAnotherLevelThanFullIsLeftAloneAndTheEngineRefusesAsCamundaDoes() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            EngineFloor.configuration(dataSource, new ServiceEngineSettings(Map.of("camunda.bpm.history-level",
                    "audit")), false).buildProcessEngine().close();
            assertThatThrownBy(() -> EngineFloor.configuration(dataSource, new ServiceEngineSettings(Map.of()), false)
                    .buildProcessEngine()).isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("historyLevel mismatch");
            assertThat(storedHistoryLevel(dataSource)).isEqualTo("2");
        }
    }

    private static String storedHistoryLevel(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select value_ from act_ge_property where name_ = 'historyLevel'")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
