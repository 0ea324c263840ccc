package net.hosting.accounttransfer.transfer.process;

import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service task that runs one idempotent step of the transfer named by the execution's {@code transferId}. */
abstract class TransferStepDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(TransferStepDelegate.class);

    private final BiConsumer<UUID, DelegateExecution> step;

    TransferStepDelegate(Consumer<UUID> step) {
        this((transferId, execution) -> step.accept(transferId));
    }

    /** A step whose result the process needs: it writes the result into the execution. */
    TransferStepDelegate(BiConsumer<UUID, DelegateExecution> step) {
        this.step = step;
    }

    @Override
    public void execute(DelegateExecution execution) {
        step.accept(TransferProcess.transferId(execution), execution);
        // the engine puts transferId (the business key) and processInstanceId in the MDC of every step's log lines
        log.info("{} done", execution.getCurrentActivityId());
    }
}
