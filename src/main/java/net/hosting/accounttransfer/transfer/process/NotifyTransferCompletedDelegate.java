package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyTransferCompleted: tells both parties the amounts invoiced and refunded. */
@Component
class NotifyTransferCompletedDelegate extends PartyMailDelegate {

    NotifyTransferCompletedDelegate(TransferMails mails) {
        super(mails::completed);
    }
}
