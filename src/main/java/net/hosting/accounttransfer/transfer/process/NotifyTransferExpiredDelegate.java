package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyTransferExpired: tells the sender, then the recipient, the offer expired. */
@Component
class NotifyTransferExpiredDelegate extends BothPartiesMailDelegate {

    NotifyTransferExpiredDelegate(TransferMails mails) {
        super(mails::expired);
    }
}
