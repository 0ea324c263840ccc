package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/**
 * Task_RefundSender: IMMEDIATE, the prorated refund to whoever paid the period (B9), executed at once; it completes
 * the transfer, and tells the process whether a previous holder was refunded and needs a mail.
 */
@Component
class RefundSenderDelegate extends TransferStepDelegate {

    RefundSenderDelegate(TransferSteps steps) {
        super((transferId, execution) -> execution.setVariable(TransferProcess.PREVIOUS_PAYER_REFUNDED,
                steps.refundSender(transferId)));
    }
}
