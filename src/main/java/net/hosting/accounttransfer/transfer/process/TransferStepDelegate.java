package net.hosting.accounttransfer.transfer.process;

import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** A service task that runs one idempotent step of the transfer named by the execution's {@code transferId}. */
abstract class TransferStepDelegate implements JavaDelegate {

    private final Consumer<UUID> step;

    TransferStepDelegate(Consumer<UUID> step) {
        this.step = step;
    }

    @Override
    public void execute(DelegateExecution execution) {
        step.accept(TransferProcess.transferId(execution));
    }
}
