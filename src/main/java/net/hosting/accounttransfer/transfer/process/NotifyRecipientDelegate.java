package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyRecipient: mails the offer, its accept link and its cost to the recipient. */
@Component
class NotifyRecipientDelegate extends TransferStepDelegate {

    NotifyRecipientDelegate(TransferMails mails) {
        super(mails::offer);
    }
}
