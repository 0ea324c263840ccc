package net.hosting.accounttransfer.transfer;

import java.time.Instant;

/** What the transfer rules need from the process that runs a transfer; Camunda implements it in transfer.process. */
public interface TransferWorkflow {

    /** Starts the lifecycle of a new transfer and returns the process instance id. */
    String start(Transfer transfer, Instant remindAt);

    /**
     * Hands a recorded decision to the waiting user task, the only way a decision reaches the process (the task
     * stands from the start). Throws {@link ProcessNotWaitingException} (a 409) when the
     * process is gone, suspended or not waiting for a decision (staff acted on it in Cockpit), so that the
     * caller's transaction rolls back and the transfer is left as it was.
     */
    void completeDecision(Transfer transfer, TransferStatus decision);

    /** Interrupts the pending offer; throws like {@link #completeDecision} when the process cannot take it. */
    void cancel(Transfer transfer);
}
