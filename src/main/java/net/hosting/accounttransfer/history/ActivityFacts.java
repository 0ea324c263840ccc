package net.hosting.accounttransfer.history;

import java.util.UUID;

/**
 * The structured part of an activity entry, stored as columns and never as a sentence: the transfer, the other
 * party's email, the billing mode, a changed profile field with its old and new value, and the customer's own
 * words (a decline reason, a ticket subject, a token name). Each is null when the action has none.
 */
public record ActivityFacts(UUID transferId, String counterpart, String billingMode, String field, String oldValue,
        String newValue, String note) {

    public static final ActivityFacts NONE = new ActivityFacts(null, null, null, null, null, null, null);

    /** A step of a transfer, with the other party's email (or null). */
    public static ActivityFacts transfer(UUID transferId, String counterpart) {
        return new ActivityFacts(transferId, counterpart, null, null, null, null, null);
    }

    public static ActivityFacts note(String note) {
        return new ActivityFacts(null, null, null, null, null, null, note);
    }

    /** A profile field that changed; the values are null for the password, which is never logged. */
    public static ActivityFacts change(String field, String oldValue, String newValue) {
        return new ActivityFacts(null, null, null, field, oldValue, newValue, null);
    }

    public ActivityFacts billedAs(String mode) {
        return new ActivityFacts(transferId, counterpart, mode, field, oldValue, newValue, note);
    }

    public ActivityFacts withNote(String words) {
        return new ActivityFacts(transferId, counterpart, billingMode, field, oldValue, newValue, words);
    }
}
