package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifySenderDeclined: tells the sender the recipient declined. */
@Component
class NotifySenderDeclinedDelegate extends TransferStepDelegate {

    NotifySenderDeclinedDelegate(TransferMails mails) {
        super(mails::declined);
    }
}
