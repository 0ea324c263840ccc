package net.hosting.accounttransfer.transfer.process;

import java.time.Instant;
import java.util.Date;
import net.hosting.accounttransfer.profile.ProfileRepository;
import net.hosting.accounttransfer.transfer.ProcessNotWaitingException;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferStatus;
import net.hosting.accounttransfer.transfer.TransferWorkflow;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/** Runs the transfer lifecycle on Camunda; every call joins the caller's database transaction. */
@Component
class CamundaTransferWorkflow implements TransferWorkflow {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final EngineReads engine;
    private final ProfileRepository profiles;

    CamundaTransferWorkflow(RuntimeService runtime, TaskService tasks, EngineReads engine,
            ProfileRepository profiles) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.engine = engine;
        this.profiles = profiles;
    }

    @Override
    public String start(Transfer transfer, Instant remindAt) {
        String senderEmail = profiles.findById(transfer.senderId()).orElseThrow(() -> new IllegalStateException(
                "transfer " + transfer.id() + ": its sender profile " + transfer.senderId() + " does not exist"))
                .email();
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
    public void completeDecision(Transfer transfer, TransferStatus decision) {
        String taskId = requireRunning(transfer).decisionTaskId();
        if (taskId == null) {
            throw notWaiting();
        }
        try {
            // transient: Gateway_Decision reads it in this transaction, and the transfer record keeps the decision
            tasks.complete(taskId, Variables.createVariables().putValueTyped(TransferProcess.DECISION,
                    Variables.stringValue(decision.name(), true)));
        } catch (OptimisticLockingException e) {
            throw concurrentStep(transfer, e);
        }
    }

    @Override
    public void cancel(Transfer transfer) {
        String instanceId = requireRunning(transfer).instanceId();
        try {
            if (runtime.createMessageCorrelation(TransferProcess.MESSAGE_CANCELLED)
                    .processInstanceId(instanceId)
                    .correlateAllWithResult()
                    .isEmpty()) {
                throw notWaiting();
            }
        } catch (OptimisticLockingException e) {
            throw concurrentStep(transfer, e);
        }
    }

    /** The transfer's process instance as a decision finds it: running, and the decision task if it waits. */
    private record Waiting(String instanceId, String decisionTaskId) {
    }

    /**
     * The transfer's own process instance, running. A pending transfer without one had its instance deleted in
     * Cockpit before anything listened for that; a decision must not then move the account outside the process.
     */
    private Waiting requireRunning(Transfer transfer) {
        String instanceId = transfer.processInstanceId();
        EngineReads.DecisionPoint point = instanceId == null ? null : engine.decisionPoint(instanceId);
        if (point == null) {
            throw new ProcessNotWaitingException("This transfer's process was stopped by staff; nothing was changed."
                    + " Contact support about transfer " + transfer.id() + ".");
        }
        if (point.suspended()) {
            throw new ProcessNotWaitingException("This transfer's process is suspended by staff; nothing was changed."
                    + " Try again later.");
        }
        return new Waiting(instanceId, point.decisionTaskId());
    }

    /** Staff moved the process away from the pending offer (a modification in Cockpit) without ending it. */
    private static ProcessNotWaitingException notWaiting() {
        return new ProcessNotWaitingException("This transfer's process is not waiting for a decision (staff changed it);"
                + " nothing was changed. Contact support.");
    }

    /**
     * A timer of the pending offer fired in the very same instant (the mail steps hold the transfer's lock, so
     * they cannot collide): the decision is rolled back whole, and asking again works.
     */
    private static OptimisticLockingFailureException concurrentStep(Transfer transfer, OptimisticLockingException e) {
        return new OptimisticLockingFailureException("transfer " + transfer.id() + " changed in its process meanwhile", e);
    }
}
