package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyRecipientBilled: sends the recipient its renewal invoice. */
@Component
class NotifyRecipientBilledDelegate extends TransferStepDelegate {

    NotifyRecipientBilledDelegate(TransferMails mails) {
        super(mails::billedAtRenewal);
    }
}
