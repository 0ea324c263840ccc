package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Task_NotifyTransferCompleted: tells the sender, then the recipient, the amounts invoiced and refunded. */
@Component
class NotifyTransferCompletedDelegate extends BothPartiesMailDelegate {

    NotifyTransferCompletedDelegate(TransferMails mails, PlatformTransactionManager transactions) {
        super(mails::completed, transactions);
    }
}
