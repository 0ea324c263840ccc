package net.hosting.accounttransfer.transfer.process;

import java.util.List;
import net.hosting.accounttransfer.transfer.Party;
import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/**
 * Task_NotifyRecipientStopped of TransferStoppedByStaff's versions before Task_NotifyPartiesStopped: mails the recipient,
 * for the instances still running on them.
 */
@Component
class NotifyRecipientStoppedDelegate extends TransferStepDelegate {

    NotifyRecipientStoppedDelegate(TransferMails mails) {
        super(transferId -> mails.stopped(transferId, List.of(Party.RECIPIENT)));
    }
}
