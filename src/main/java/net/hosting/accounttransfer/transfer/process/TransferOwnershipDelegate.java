package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_TransferOwnership: hands the account over (T9), the one place ownership moves. */
@Component
class TransferOwnershipDelegate implements JavaDelegate {

    private final TransferSteps steps;

    TransferOwnershipDelegate(TransferSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Transfer transfer = steps.transferOwnership(TransferProcess.transferId(execution));
        // the billing-mode gateway next follows the transfer record, even if staff changed the variable in Cockpit;
        // written only then, since every write of a variable is a history row
        String mode = transfer.billingMode().name();
        if (!mode.equals(execution.getVariable(TransferProcess.BILLING_MODE))) {
            execution.setVariable(TransferProcess.BILLING_MODE, mode);
        }
    }
}
