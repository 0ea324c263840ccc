package net.hosting.accounttransfer.transfer.process;

import java.util.List;
import net.hosting.accounttransfer.transfer.Party;
import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/**
 * Task_NotifySenderStopped of TransferStoppedByStaff's versions before Task_NotifyPartiesStopped: mails the sender,
 * for the instances still running on them.
 */
@Component
class NotifySenderStoppedDelegate extends TransferStepDelegate {

    NotifySenderStoppedDelegate(TransferMails mails) {
        super(transferId -> mails.stopped(transferId, List.of(Party.SENDER)));
    }
}
