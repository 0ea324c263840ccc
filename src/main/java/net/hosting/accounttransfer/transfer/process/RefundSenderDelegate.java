package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/**
 * Task_RefundSender ("Refund sender prorata"): refunds the unused days to whoever paid the period, the sender or a
 * previous payer (B9), and tells the process whether a previous payer was refunded and needs a mail.
 */
@Component
class RefundSenderDelegate extends TransferStepDelegate {

    RefundSenderDelegate(TransferSteps steps) {
        super((transferId, execution) -> execution.setVariable(TransferProcess.PREVIOUS_PAYER_REFUNDED,
                steps.refundSender(transferId)));
    }
}
