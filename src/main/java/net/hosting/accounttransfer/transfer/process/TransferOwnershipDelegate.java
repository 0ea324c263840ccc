package net.hosting.accounttransfer.transfer.process;

import java.util.Date;
import java.util.UUID;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_TransferOwnership: hands the account over (T9) and sets the renewal timer for AT_RENEWAL. */
@Component
class TransferOwnershipDelegate implements JavaDelegate {

    private final TransferSteps steps;

    TransferOwnershipDelegate(TransferSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID transferId = TransferProcess.transferId(execution);
        Transfer transfer = steps.transferOwnership(transferId);
        // the billing-mode gateway next follows the transfer record, even if staff changed the variable in Cockpit
        execution.setVariable(TransferProcess.BILLING_MODE, transfer.billingMode().name());
        if (transfer.billingMode() == BillingMode.AT_RENEWAL) {
            execution.setVariable(TransferProcess.RENEWAL_DATE, Date.from(steps.renewalInstant(transferId)));
        }
    }
}
