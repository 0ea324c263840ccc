package net.hosting.accounttransfer.transfer.process;

import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import net.hosting.accounttransfer.transfer.Party;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.Activity;

/**
 * A "mail sender and recipient" task: one asynchronous step, one transaction, that mails the sender, then the
 * recipient. A refusal of the recipient's mail rolls the step back for its retry, and the sender's mail, which went
 * out, keeps its key in sent_mail (the Mailer writes it again when a transaction that sent a mail rolls back), so
 * the retry sends only the recipient's.
 */
abstract class BothPartiesMailDelegate implements JavaDelegate {

    private static final List<Party> BOTH = List.of(Party.SENDER, Party.RECIPIENT);

    private final BiConsumer<UUID, List<Party>> mail;

    BothPartiesMailDelegate(BiConsumer<UUID, List<Party>> mail) {
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // an instance still on a version that ran one step per party mails the party of its loop index
        mail.accept(TransferProcess.transferId(execution),
                onOlderMultiInstance(execution) ? List.of(TransferProcess.party(execution)) : BOTH);
    }

    private static boolean onOlderMultiInstance(DelegateExecution execution) {
        return execution.getBpmnModelElementInstance() instanceof Activity task && task.getLoopCharacteristics() != null;
    }
}
