package net.hosting.accounttransfer.transfer.process;

import java.util.UUID;
import java.util.function.BiConsumer;
import net.hosting.accounttransfer.transfer.TransferMails;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A "mail both" task: a sequential multi-instance of two asynchronous instances, the sender's mail then the
 * recipient's, so each commits its own record and a failure for the second never re-sends the first.
 */
abstract class PartyMailDelegate implements JavaDelegate {

    private final BiConsumer<UUID, TransferMails.Party> mail;

    PartyMailDelegate(BiConsumer<UUID, TransferMails.Party> mail) {
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        mail.accept(TransferProcess.transferId(execution), TransferProcess.party(execution));
    }
}
