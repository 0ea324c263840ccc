package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/** Task_RefundSender: IMMEDIATE, the sender's prorated refund, executed at once; it completes the transfer. */
@Component
class RefundSenderDelegate extends TransferStepDelegate {

    RefundSenderDelegate(TransferSteps steps) {
        super(steps::refundSender);
    }
}
