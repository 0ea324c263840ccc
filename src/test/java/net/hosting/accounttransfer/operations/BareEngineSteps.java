package net.hosting.accounttransfer.operations;

import java.util.Map;
import net.hosting.accounttransfer.transfer.process.TransferProcess;
import org.camunda.bpm.engine.ProcessEngine;

/** What the service does to a transfer's process, done by hand on an engine built from its settings, job executor off. */
final class BareEngineSteps {

    private BareEngineSteps() {
    }

    /** The recipient accepts, as the service's accept request completes the decision task. */
    static void accept(ProcessEngine engine, String instance) {
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey(TransferProcess.USER_TASK_ACCEPT).singleResult().getId();
        engine.getTaskService().complete(task, Map.of(TransferProcess.DECISION, "ACCEPTED"));
    }

    /** Runs every job due now, until none is left. */
    static void runDueJobs(ProcessEngine engine) {
        for (int round = 0; round < 50; round++) {
            var due = engine.getManagementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs kept coming after 50 rounds");
    }
}
