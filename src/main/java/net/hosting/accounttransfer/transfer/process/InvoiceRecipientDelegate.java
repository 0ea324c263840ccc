package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/** Task_InvoiceRecipient: IMMEDIATE, the recipient is invoiced a full period from the acceptance date. */
@Component
class InvoiceRecipientDelegate extends TransferStepDelegate {

    InvoiceRecipientDelegate(TransferSteps steps) {
        super(steps::invoiceRecipient);
    }
}
