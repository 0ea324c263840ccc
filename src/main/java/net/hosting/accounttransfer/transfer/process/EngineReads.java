package net.hosting.accounttransfer.transfer.process;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The one place that reads the engine's internal entities, checked against Camunda {@value #CHECKED_AGAINST}
 * ({@code EngineReadsTests} fails on any other version, so an upgrade re-reads this class first). A decision reads
 * its instance and task by the instance id the transfer keeps, two reads by primary and foreign key in the caller's
 * transaction: the public process instance and task queries evaluate a hundred optional criteria on every call,
 * which was 11% of everything the service allocated under load (docs/performance.md).
 */
@Component
class EngineReads {

    /** The Camunda version whose internal API this class was written and tested against. */
    static final String CHECKED_AGAINST = "7.24.0";

    private final CommandExecutor commands;

    EngineReads(ProcessEngineConfigurationImpl engine) {
        this.commands = engine.getCommandExecutorTxRequired();
    }

    /** Where a running instance stands for a decision: suspended or not, and its decision task if it waits there. */
    record DecisionPoint(boolean suspended, String decisionTaskId) {
    }

    /** The instance's decision point, or null when no such instance runs (it ended, or staff deleted it). */
    DecisionPoint decisionPoint(String instanceId) {
        return commands.execute(context -> {
            ExecutionEntity instance = context.getExecutionManager().findExecutionById(instanceId);
            if (instance == null) {
                return null;
            }
            String taskId = context.getTaskManager().findTasksByProcessInstanceId(instanceId).stream()
                    .filter(task -> TransferProcess.USER_TASK_ACCEPT.equals(task.getTaskDefinitionKey()))
                    .map(TaskEntity::getId)
                    .findFirst().orElse(null);
            return new DecisionPoint(instance.isSuspended(), taskId);
        });
    }
}
