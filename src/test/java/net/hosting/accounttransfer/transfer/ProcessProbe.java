package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Test helper: what the engine did with one transfer's process, found by its business key (the transfer id),
 * read through Camunda's own services as staff would in Cockpit.
 */
final class ProcessProbe {

    static final String PROCESS_ID = "AccountTransfer";
    static final String NOTIFY_RECIPIENT = "Task_NotifyRecipient";
    static final String USER_TASK = "UserTask_AcceptTransfer";
    static final String OFFER_EXPIRED = "BoundaryEvent_OfferExpired";
    static final String REMINDER_DUE = "BoundaryEvent_ReminderDue";
    static final String REMIND_RECIPIENT = "Task_RemindRecipient";
    static final String RENEWAL_DATE = "TimerEvent_RenewalDate";
    static final String COMPLETED = "EndEvent_TransferCompleted";
    static final String CANCELLED = "EndEvent_TransferCancelled";
    static final String DECLINED = "EndEvent_TransferDeclined";
    static final String EXPIRED = "EndEvent_TransferExpired";

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TaskService tasks;
    private final ManagementService management;
    private final HistoryService history;
    private final JobExecutor jobExecutor;

    ProcessProbe(ProcessEngine engine) {
        this.tasks = engine.getTaskService();
        this.management = engine.getManagementService();
        this.history = engine.getHistoryService();
        this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    boolean waitsAtUserTask(String transferId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(transferId).taskDefinitionKey(USER_TASK).count() == 1;
    }

    /** Waits until the recipient's decision is the process's open user task (it stands from the start, beside the offer mail). */
    void awaitUserTask(String transferId) {
        awaitOrExplain(transferId, "the process to wait at " + USER_TASK, () -> waitsAtUserTask(transferId));
    }

    String processInstanceId(String transferId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                .processInstanceBusinessKey(transferId).singleResult();
        assertThat(instance).as("process instance with business key %s", transferId).isNotNull();
        return instance.getId();
    }

    /** The job waiting at {@code activityId}, once it exists. */
    Job awaitJob(String transferId, String activityId) {
        String instance = processInstanceId(transferId);
        awaitOrExplain(transferId, "a job at " + activityId, () -> management.createJobQuery()
                .processInstanceId(instance).activityId(activityId).count() == 1);
        return management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult();
    }

    /** Runs a job now, in this thread, as staff would with "execute" in Cockpit; used to fire timers. */
    void execute(Job job) {
        management.executeJob(job.getId());
    }

    /** Waits until the process instance has ended, failing at once with the reason if a step raised an incident. */
    HistoricProcessInstance awaitEnded(String transferId) {
        awaitOrExplain(transferId, "the process to end", () -> {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                    .processInstanceBusinessKey(transferId).singleResult();
            return instance != null && instance.getEndTime() != null;
        });
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                .processInstanceBusinessKey(transferId).singleResult();
    }

    /** Whether the process entered {@code activityId}, at any time. */
    boolean entered(String transferId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId(transferId))
                .activityId(activityId).count() > 0;
    }

    long incidents(String transferId) {
        return history.createHistoricIncidentQuery().processInstanceId(processInstanceId(transferId)).count();
    }

    /**
     * Holds every new job of the step {@code activityId}: jobs created for a suspended job definition are created
     * suspended, so the job executor cannot pick them up until released. Tests of one JVM run one at a time, so
     * only the transfer under test is held.
     */
    void hold(String activityId) {
        jobDefinitions(activityId).forEach(definition -> management.suspendJobDefinitionById(definition.getId(), false));
    }

    /**
     * Activates the held jobs and wakes the job executor: an activated job is not announced to it the way a new
     * one is, and an idle executor may otherwise sleep for up to a minute before it looks again.
     */
    void release(String activityId) {
        jobDefinitions(activityId).forEach(definition -> management.activateJobDefinitionById(definition.getId(), true));
        jobExecutor.jobWasAdded();
    }

    /** This transfer's job at {@code activityId}, or null when there is none (not reached yet, or done). */
    Job job(String transferId, String activityId) {
        return management.createJobQuery().processInstanceId(processInstanceId(transferId))
                .activityId(activityId).singleResult();
    }

    private List<JobDefinition> jobDefinitions(String activityId) {
        List<JobDefinition> definitions = management.createJobDefinitionQuery().processDefinitionKey(PROCESS_ID)
                .activityIdIn(activityId).list();
        assertThat(definitions).as("job definitions of " + activityId).isNotEmpty();
        return definitions;
    }

    /** Awaits a condition; on timeout the failure says where the process stands, its failing jobs and incidents. */
    void awaitOrExplain(String transferId, String what, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; " + explain(transferId), e);
        }
    }

    /** Where the process of a transfer stands, for failure messages. */
    String explain(String transferId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                .processInstanceBusinessKey(transferId).singleResult();
        if (instance == null) {
            return "no process instance has business key " + transferId;
        }
        String activities = history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityId).collect(Collectors.joining(" > "));
        String jobs = management.createJobQuery().processInstanceId(instance.getId()).list().stream()
                .map(job -> job.getId() + "@" + job.getJobDefinitionId() + " retries=" + job.getRetries()
                        + (job.isSuspended() ? " suspended" : "")
                        + (job.getExceptionMessage() == null ? "" : " failed: " + job.getExceptionMessage()))
                .collect(Collectors.joining("; "));
        String incidents = history.createHistoricIncidentQuery().processInstanceId(instance.getId()).list().stream()
                .map(incident -> incident.getActivityId() + ": " + incident.getIncidentMessage())
                .collect(Collectors.joining("; "));
        return "process " + instance.getId() + " state " + instance.getState() + ", activities [" + activities
                + "], jobs [" + jobs + "], incidents [" + incidents + "]";
    }
}
