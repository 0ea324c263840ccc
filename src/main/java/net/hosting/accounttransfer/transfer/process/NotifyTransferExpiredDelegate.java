package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyTransferExpired: tells both parties the offer expired. */
@Component
class NotifyTransferExpiredDelegate extends PartyMailDelegate {

    NotifyTransferExpiredDelegate(TransferMails mails) {
        super(mails::expired);
    }
}
