package net.hosting.accounttransfer.transfer.process;

import java.util.UUID;
import net.hosting.accounttransfer.transfer.Party;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The names shared by processes/*.bpmn and the Java side: process, elements, variables, message. */
public final class TransferProcess {

    public static final String PROCESS_ID = "AccountTransfer";
    public static final String MESSAGE_CANCELLED = "TransferCancelled";
    /** Tells both parties that staff stopped a pending transfer's process; business key: the transfer id. */
    public static final String STOPPED_PROCESS_ID = "TransferStoppedByStaff";

    public static final String USER_TASK_ACCEPT = "UserTask_AcceptTransfer";

    /** Small, searchable variables; everything else is read from the transfer record. */
    public static final String TRANSFER_ID = "transferId";
    public static final String ACCOUNT_NAME = "accountName";
    public static final String SENDER_EMAIL = "senderEmail";
    public static final String RECIPIENT_EMAIL = "recipientEmail";
    public static final String BILLING_MODE = "billingMode";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String REMIND_AT = "remindAt";
    public static final String RENEWAL_DATE = "renewalDate";
    /** Transient: set with the decision task's completion for Gateway_Decision only; the transfer record keeps it. */
    public static final String DECISION = "decision";
    /** B9: whether Task_RefundSender refunded a previous holder, whom Task_NotifyPreviousPayer then mails. */
    public static final String PREVIOUS_PAYER_REFUNDED = "previousPayerRefunded";
    /** Camunda's counter of a multi-instance activity, set on each instance (older versions' "mail both" tasks). */
    static final String LOOP_COUNTER = "loopCounter";

    private TransferProcess() {
    }

    public static UUID transferId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(TRANSFER_ID));
    }

    /**
     * Which party an instance of an older version's "mail both" multi-instance writes to: loop 0 the sender, loop 1
     * the recipient. The deployed version mails both in one step.
     */
    static Party party(DelegateExecution execution) {
        Object loop = execution.getVariable(LOOP_COUNTER);
        if (!(loop instanceof Integer index) || index < 0 || index >= Party.values().length) {
            throw new IllegalStateException("activity " + execution.getCurrentActivityId()
                    + " must be a multi-instance of " + Party.values().length + " (one per party), but its "
                    + LOOP_COUNTER + " is " + loop);
        }
        return Party.values()[index];
    }
}
