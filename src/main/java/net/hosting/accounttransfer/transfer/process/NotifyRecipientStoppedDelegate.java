package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyRecipientStopped: tells the recipient staff cancelled the offer. */
@Component
class NotifyRecipientStoppedDelegate extends TransferStepDelegate {

    NotifyRecipientStoppedDelegate(TransferMails mails) {
        super(mails::stoppedToRecipient);
    }
}
