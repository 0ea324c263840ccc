package net.hosting.accounttransfer.transfer.process;

import java.util.UUID;
import net.hosting.accounttransfer.transfer.TransferSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The end of every AccountTransfer instance. One that was cancelled rather than completed was stopped by staff
 * (deleted, or every activity cancelled by a modification, in Cockpit): the transfer follows it in the same
 * transaction, and the parties' mails go to a process of their own, so that they leave only if the stop commits
 * and are retried like every other mail.
 */
@Component
class ProcessStoppedListener implements ExecutionListener {

    private final TransferSteps steps;

    ProcessStoppedListener(TransferSteps steps) {
        this.steps = steps;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (!execution.isCanceled()) {
            return;
        }
        UUID transferId = TransferProcess.transferId(execution);
        if (steps.stoppedByStaff(transferId)) {
            execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(
                    TransferProcess.STOPPED_PROCESS_ID, transferId.toString(),
                    Variables.createVariables().putValue(TransferProcess.TRANSFER_ID, transferId.toString()));
        }
    }
}
