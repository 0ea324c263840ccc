package net.hosting.accounttransfer.history;

/** What an activity entry records; each is rendered in the reader's language from its {@link ActivityFacts}. */
public enum ActivityAction {
    PROFILE_CREATED,
    /** One field of the profile: {@link ActivityFacts#field()}, with its old and new value unless it is the password. */
    PROFILE_CHANGED,
    /** A new email waits for its link: {@link ActivityFacts#newValue()}. */
    EMAIL_CHANGE_REQUESTED,
    /** {@link ActivityFacts#note()}: the token's name. */
    API_TOKEN_CREATED,
    API_TOKEN_REVOKED,
    /** {@link ActivityFacts#note()}: the ticket's subject. */
    TICKET_OPENED,
    /** The transfer and its recipient (the counterpart) and billing mode. */
    TRANSFER_STARTED,
    /** The transfer and its sender. */
    TRANSFER_ACCEPTED,
    /** The transfer, and the recipient's reason as its note when one was given. */
    TRANSFER_DECLINED,
    /** The sender withdrew the offer made to the counterpart. */
    TRANSFER_CANCELLED,
    /** Staff stopped the pending transfer's process in Cockpit. */
    TRANSFER_CANCELLED_BY_STAFF,
    /** The offer to the counterpart expired unanswered. */
    TRANSFER_EXPIRED,
    /** The account went to the counterpart. */
    ACCOUNT_HANDED_OVER,
    /** The account came from the counterpart. */
    ACCOUNT_RECEIVED
}
