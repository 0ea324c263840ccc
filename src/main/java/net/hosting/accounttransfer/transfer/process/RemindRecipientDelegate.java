package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_RemindRecipient: reminds the recipient before the offer expires. */
@Component
class RemindRecipientDelegate extends TransferStepDelegate {

    RemindRecipientDelegate(TransferMails mails) {
        super(mails::reminder);
    }
}
