package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifySenderStopped: tells the sender staff cancelled the transfer and the account stays theirs. */
@Component
class NotifySenderStoppedDelegate extends TransferStepDelegate {

    NotifySenderStoppedDelegate(TransferMails mails) {
        super(mails::stoppedToSender);
    }
}
