package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyRecipientCancelled: tells the recipient the sender withdrew the offer. */
@Component
class NotifyRecipientCancelledDelegate extends TransferStepDelegate {

    NotifyRecipientCancelledDelegate(TransferMails mails) {
        super(mails::cancelled);
    }
}
