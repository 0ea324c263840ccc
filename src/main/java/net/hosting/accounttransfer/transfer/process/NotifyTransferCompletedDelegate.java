package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyTransferCompleted: tells the sender, then the recipient, the amounts invoiced and refunded. */
@Component
class NotifyTransferCompletedDelegate extends BothPartiesMailDelegate {

    NotifyTransferCompletedDelegate(TransferMails mails) {
        super(mails::completed);
    }
}
