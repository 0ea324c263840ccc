package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferSteps;
import org.springframework.stereotype.Component;

/**
 * Task_CompleteTransfer and Task_CompleteTransferAtRenewal, the same step on each billing path: the transfer's
 * billing is done, so it is marked COMPLETED.
 */
@Component
class CompleteTransferDelegate extends TransferStepDelegate {

    CompleteTransferDelegate(TransferSteps steps) {
        super(steps::complete);
    }
}
