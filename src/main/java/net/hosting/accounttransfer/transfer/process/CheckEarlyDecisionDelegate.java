package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckEarlyDecision: reads a decision recorded before the process reached the user task. */
@Component
class CheckEarlyDecisionDelegate implements JavaDelegate {

    private final TransferSteps steps;

    CheckEarlyDecisionDelegate(TransferSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(TransferProcess.DECISION,
                steps.recordedDecision(TransferProcess.transferId(execution)).name());
    }
}
