package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyAcceptedAtRenewal: tells the sender, then the recipient, the account moved and nothing is billed before the renewal date. */
@Component
class NotifyAcceptedAtRenewalDelegate extends BothPartiesMailDelegate {

    NotifyAcceptedAtRenewalDelegate(TransferMails mails) {
        super(mails::acceptedAtRenewal);
    }
}
