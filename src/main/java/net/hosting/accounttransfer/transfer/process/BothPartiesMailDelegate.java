package net.hosting.accounttransfer.transfer.process;

import java.util.UUID;
import java.util.function.BiConsumer;
import net.hosting.accounttransfer.transfer.Party;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A "mail sender and recipient" task: one asynchronous step that mails the sender in a transaction of its own, then
 * the recipient in the step's, so a refusal of the recipient's mail, which rolls the step back for its retry, never
 * re-sends the sender's, whose key in sent_mail has committed.
 */
abstract class BothPartiesMailDelegate implements JavaDelegate {

    private final BiConsumer<UUID, Party> mail;
    private final TransactionTemplate ownTransaction;

    BothPartiesMailDelegate(BiConsumer<UUID, Party> mail, PlatformTransactionManager transactions) {
        this.mail = mail;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID transferId = TransferProcess.transferId(execution);
        if (onOlderMultiInstance(execution)) {
            // an instance still on a version that ran one step per party, by loop index
            mail.accept(transferId, TransferProcess.party(execution));
            return;
        }
        ownTransaction.executeWithoutResult(status -> mail.accept(transferId, Party.SENDER));
        mail.accept(transferId, Party.RECIPIENT);
    }

    private static boolean onOlderMultiInstance(DelegateExecution execution) {
        return execution.getBpmnModelElementInstance() instanceof Activity task && task.getLoopCharacteristics() != null;
    }
}
