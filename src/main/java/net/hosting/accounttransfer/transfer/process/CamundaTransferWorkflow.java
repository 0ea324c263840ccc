package net.hosting.accounttransfer.transfer.process;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import net.hosting.accounttransfer.profile.ProfileRepository;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferStatus;
import net.hosting.accounttransfer.transfer.TransferWorkflow;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/** Runs the transfer lifecycle on Camunda; every call joins the caller's database transaction. */
@Component
class CamundaTransferWorkflow implements TransferWorkflow {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ProfileRepository profiles;

    CamundaTransferWorkflow(RuntimeService runtime, TaskService tasks, ProfileRepository profiles) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.profiles = profiles;
    }

    @Override
    public String start(Transfer transfer, Instant remindAt) {
        String senderEmail = profiles.findById(transfer.senderId()).orElseThrow().email();
        return runtime.startProcessInstanceByKey(TransferProcess.PROCESS_ID, transfer.id().toString(),
                Variables.createVariables()
                        .putValue(TransferProcess.TRANSFER_ID, transfer.id().toString())
                        .putValue(TransferProcess.ACCOUNT_NAME, transfer.accountName())
                        .putValue(TransferProcess.SENDER_EMAIL, senderEmail)
                        .putValue(TransferProcess.RECIPIENT_EMAIL, transfer.recipientEmail())
                        .putValue(TransferProcess.BILLING_MODE, transfer.billingMode().name())
                        .putValue(TransferProcess.EXPIRES_AT, Date.from(transfer.expiresAt()))
                        .putValue(TransferProcess.REMIND_AT, Date.from(remindAt)))
                .getId();
    }

    @Override
    public boolean completeDecision(UUID transferId, TransferStatus decision) {
        Task task = tasks.createTaskQuery()
                .processInstanceBusinessKey(transferId.toString())
                .taskDefinitionKey(TransferProcess.USER_TASK_ACCEPT)
                .singleResult();
        if (task == null) {
            return false;
        }
        try {
            tasks.complete(task.getId(), Variables.createVariables().putValue(TransferProcess.DECISION, decision.name()));
        } catch (OptimisticLockingException e) {
            throw concurrentStep(transferId, e);
        }
        return true;
    }

    @Override
    public boolean cancel(UUID transferId) {
        try {
            return !runtime.createMessageCorrelation(TransferProcess.MESSAGE_CANCELLED)
                    .processInstanceBusinessKey(transferId.toString())
                    .correlateAllWithResult()
                    .isEmpty();
        } catch (OptimisticLockingException e) {
            throw concurrentStep(transferId, e);
        }
    }

    /**
     * A timer of the pending offer fired in the very same instant (the mail steps hold the transfer's lock, so
     * they cannot collide): the decision is rolled back whole, and asking again works.
     */
    private static OptimisticLockingFailureException concurrentStep(UUID transferId, OptimisticLockingException e) {
        return new OptimisticLockingFailureException("transfer " + transferId + " changed in its process meanwhile", e);
    }
}
