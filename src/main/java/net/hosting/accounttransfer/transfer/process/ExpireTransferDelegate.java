package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/** Task_ExpireTransfer: marks the unanswered transfer EXPIRED. */
@Component
class ExpireTransferDelegate extends TransferStepDelegate {

    ExpireTransferDelegate(TransferSteps steps) {
        super(steps::expire);
    }
}
