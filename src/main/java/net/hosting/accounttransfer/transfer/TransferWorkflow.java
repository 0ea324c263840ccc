package net.hosting.accounttransfer.transfer;

import java.time.Instant;
import java.util.UUID;

/** What the transfer rules need from the process that runs a transfer; Camunda implements it in transfer.process. */
public interface TransferWorkflow {

    /** Starts the lifecycle of a new transfer and returns the process instance id. */
    String start(Transfer transfer, Instant remindAt);

    /**
     * Hands a recorded decision to the waiting user task; false when the process has not reached it yet, in
     * which case the process reads the decision from the transfer when it gets there.
     */
    boolean completeDecision(UUID transferId, TransferStatus decision);

    /** Interrupts the waiting user task; false when the process has not reached it yet. */
    boolean cancel(UUID transferId);
}
