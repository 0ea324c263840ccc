package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyPartiesStopped: tells the sender the account stays theirs, then the recipient the offer is gone. */
@Component
class NotifyPartiesStoppedDelegate extends BothPartiesMailDelegate {

    NotifyPartiesStoppedDelegate(TransferMails mails) {
        super(mails::stopped);
    }
}
