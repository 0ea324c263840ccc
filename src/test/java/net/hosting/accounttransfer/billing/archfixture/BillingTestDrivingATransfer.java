package net.hosting.accounttransfer.billing.archfixture;

import net.hosting.accounttransfer.transfer.TransferStatus;

/** A billing test that reaches up into transfers, so it belongs with them: ArchitectureTests must report it. */
class BillingTestDrivingATransfer {

    TransferStatus expected = TransferStatus.COMPLETED;
}
