package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/** Task_InvoiceRecipientAtRenewal: AT_RENEWAL, the recipient's next period is invoiced; it completes the transfer. */
@Component
class InvoiceRecipientAtRenewalDelegate extends TransferStepDelegate {

    InvoiceRecipientAtRenewalDelegate(TransferSteps steps) {
        super(steps::invoiceRenewal);
    }
}
