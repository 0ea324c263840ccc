package net.hosting.accounttransfer.transfer.process;

import java.util.Date;
import net.hosting.accounttransfer.transfer.TransferSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ScheduleRenewalInvoice: AT_RENEWAL, sets the instant TimerEvent_RenewalDate waits for. */
@Component
class ScheduleRenewalInvoiceDelegate implements JavaDelegate {

    private final TransferSteps steps;

    ScheduleRenewalInvoiceDelegate(TransferSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(TransferProcess.RENEWAL_DATE,
                Date.from(steps.renewalInstant(TransferProcess.transferId(execution))));
    }
}
