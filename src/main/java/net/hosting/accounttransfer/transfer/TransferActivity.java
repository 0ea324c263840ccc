package net.hosting.accounttransfer.transfer;

import net.hosting.accounttransfer.history.ActivityAction;
import net.hosting.accounttransfer.history.ActivityFacts;
import net.hosting.accounttransfer.history.ActivityLog;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.ProfileRepository;
import org.springframework.stereotype.Component;

/** What a transfer writes in its parties' activity logs, as facts: the one place for the requests and the steps. */
@Component
class TransferActivity {

    private static final Actor STAFF = new Actor("staff", null);

    private final ActivityLog activity;
    private final ProfileRepository profiles;

    TransferActivity(ActivityLog activity, ProfileRepository profiles) {
        this.activity = activity;
        this.profiles = profiles;
    }

    void started(Transfer transfer, Actor actor) {
        activity.record(transfer.senderId(), actor, ActivityAction.TRANSFER_STARTED, transfer.accountId(),
                transfer.accountName(), ActivityFacts.transfer(transfer.id(), transfer.recipientEmail())
                        .billedAs(transfer.billingMode().name()));
    }

    void accepted(Transfer transfer, Actor actor) {
        activity.record(transfer.recipientId(), actor, ActivityAction.TRANSFER_ACCEPTED, transfer.accountId(),
                transfer.accountName(), ActivityFacts.transfer(transfer.id(), senderEmail(transfer)));
    }

    void declined(Transfer transfer, Actor actor) {
        activity.record(transfer.recipientId(), actor, ActivityAction.TRANSFER_DECLINED, null, transfer.accountName(),
                ActivityFacts.transfer(transfer.id(), null).withNote(transfer.declineReason()));
    }

    void cancelled(Transfer transfer, Actor actor) {
        activity.record(transfer.senderId(), actor, ActivityAction.TRANSFER_CANCELLED, transfer.accountId(),
                transfer.accountName(), ActivityFacts.transfer(transfer.id(), transfer.recipientEmail()));
    }

    /** Both parties' logs, the recipient's only if it has a profile. */
    void cancelledByStaff(Transfer transfer) {
        ActivityFacts facts = ActivityFacts.transfer(transfer.id(), null);
        activity.record(transfer.senderId(), STAFF, ActivityAction.TRANSFER_CANCELLED_BY_STAFF, transfer.accountId(),
                transfer.accountName(), facts);
        profiles.findByEmail(transfer.recipientEmail()).ifPresent(recipient -> activity.record(recipient.id(), STAFF,
                ActivityAction.TRANSFER_CANCELLED_BY_STAFF, null, transfer.accountName(), facts));
    }

    void expired(Transfer transfer) {
        activity.record(transfer.senderId(), Actor.SYSTEM, ActivityAction.TRANSFER_EXPIRED, transfer.accountId(),
                transfer.accountName(), ActivityFacts.transfer(transfer.id(), transfer.recipientEmail()));
    }

    /** T9: an entry on each side of the hand-over. */
    void handedOver(Transfer transfer) {
        String recipientEmail = profiles.findById(transfer.recipientId())
                .orElseThrow(Missing.of(transfer.id(), "recipient profile", transfer.recipientId())).email();
        activity.record(transfer.senderId(), Actor.SYSTEM, ActivityAction.ACCOUNT_HANDED_OVER, transfer.accountId(),
                transfer.accountName(), ActivityFacts.transfer(transfer.id(), recipientEmail));
        activity.record(transfer.recipientId(), Actor.SYSTEM, ActivityAction.ACCOUNT_RECEIVED, transfer.accountId(),
                transfer.accountName(), ActivityFacts.transfer(transfer.id(), senderEmail(transfer)));
    }

    private String senderEmail(Transfer transfer) {
        return profiles.findById(transfer.senderId())
                .orElseThrow(Missing.of(transfer.id(), "sender profile", transfer.senderId())).email();
    }
}
