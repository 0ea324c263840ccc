package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyAcceptedAtRenewal: tells both parties the account moved and nothing is billed before the renewal date. */
@Component
class NotifyAcceptedAtRenewalDelegate extends PartyMailDelegate {

    NotifyAcceptedAtRenewalDelegate(TransferMails mails) {
        super(mails::acceptedAtRenewal);
    }
}
