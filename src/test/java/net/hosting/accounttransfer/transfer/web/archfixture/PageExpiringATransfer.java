package net.hosting.accounttransfer.transfer.web.archfixture;

import java.util.UUID;
import net.hosting.accounttransfer.transfer.TransferSteps;

/** A page that expires a transfer itself, without the process: ArchitectureTests must report it. */
class PageExpiringATransfer {

    private final TransferSteps steps;

    PageExpiringATransfer(TransferSteps steps) {
        this.steps = steps;
    }

    void expireNow(UUID transferId) {
        steps.expire(transferId);
    }
}
