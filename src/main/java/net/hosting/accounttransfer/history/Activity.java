package net.hosting.accounttransfer.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** One line of a profile's activity log: who did what, on which account, when and from where. */
@Entity
public class Activity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "profile_id")
    private Long profileId;

    private String actor;
    private String action;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "account_name")
    private String accountName;

    private String detail;

    @Column(name = "remote_address")
    private String remoteAddress;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected Activity() {
    }

    Activity(Long profileId, Actor actor, String action, Long accountId, String accountName, String detail,
            Instant occurredAt) {
        this.profileId = profileId;
        this.actor = actor.who();
        this.remoteAddress = actor.remoteAddress();
        this.action = action;
        this.accountId = accountId;
        this.accountName = accountName;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        this.occurredAt = occurredAt;
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

    public String action() {
        return action;
    }

    public Long accountId() {
        return accountId;
    }

    public String accountName() {
        return accountName;
    }

    public String detail() {
        return detail;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
