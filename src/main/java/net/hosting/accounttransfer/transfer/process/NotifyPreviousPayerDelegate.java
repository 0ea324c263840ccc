package net.hosting.accounttransfer.transfer.process;

import net.hosting.accounttransfer.transfer.TransferMails;
import org.springframework.stereotype.Component;

/** Task_NotifyPreviousPayer: B9, tells a previous holder which of the days it paid were refunded to it. */
@Component
class NotifyPreviousPayerDelegate extends TransferStepDelegate {

    NotifyPreviousPayerDelegate(TransferMails mails) {
        super(mails::previousPayerRefunded);
    }
}
