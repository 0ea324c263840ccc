package net.hosting.accounttransfer.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** One line of a profile's activity log: who did what, on which account, when and from where. */
@Entity
public class Activity {

    /** The longest old value, new value or note kept; the columns match it. */
    static final int MAX_TEXT_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "profile_id")
    private Long profileId;

    private String actor;

    @Enumerated(EnumType.STRING)
    private ActivityAction action;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "account_name")
    private String accountName;

    @Column(name = "transfer_id")
    private UUID transferId;

    /** The other party's email: the recipient of an offer, the sender of an accepted one. */
    private String counterpart;

    @Column(name = "billing_mode")
    private String billingMode;

    private String field;

    @Column(name = "old_value")
    private String oldValue;

    @Column(name = "new_value")
    private String newValue;

    /** The customer's own words: a decline reason, a ticket subject, a token name. */
    private String note;

    /** The English sentence entries written before V8 stored, when V8 could not read it back into facts. */
    @Column(name = "legacy_detail")
    private String legacyDetail;

    @Column(name = "remote_address")
    private String remoteAddress;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected Activity() {
    }

    Activity(Long profileId, Actor actor, ActivityAction action, Long accountId, String accountName,
            ActivityFacts facts, Instant occurredAt) {
        this.profileId = profileId;
        this.actor = actor.who();
        this.remoteAddress = actor.remoteAddress();
        this.action = action;
        this.accountId = accountId;
        this.accountName = accountName;
        this.transferId = facts.transferId();
        this.counterpart = facts.counterpart();
        this.billingMode = facts.billingMode();
        this.field = facts.field();
        this.oldValue = cut(facts.oldValue());
        this.newValue = cut(facts.newValue());
        this.note = cut(facts.note());
        this.occurredAt = occurredAt;
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH);
    }

    public Long id() {
        return id;
    }

    public Long profileId() {
        return profileId;
    }

    public String actor() {
        return actor;
    }

    public ActivityAction action() {
        return action;
    }

    public Long accountId() {
        return accountId;
    }

    public String accountName() {
        return accountName;
    }

    public ActivityFacts facts() {
        return new ActivityFacts(transferId, counterpart, billingMode, field, oldValue, newValue, note);
    }

    public String legacyDetail() {
        return legacyDetail;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
