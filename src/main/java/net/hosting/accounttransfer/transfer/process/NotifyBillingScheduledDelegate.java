package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyBillingScheduled: tells both parties the account moved and billing waits for the renewal date. */
@Component
class NotifyBillingScheduledDelegate extends PartyMailDelegate {

    NotifyBillingScheduledDelegate(TransferMails mails) {
        super(mails::acceptedAtRenewal);
    }
}
