package net.hosting.accounttransfer.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A hosting account, known by its unique name and owned by one profile. */
@Entity
public class Account {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9-]{3,32}$");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Account() {
    }

    public Account(String name, Long ownerId, Instant createdAt) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(
                    "account name must be 3 to 32 lowercase letters, digits or hyphens, not '" + name + "'");
        }
        this.name = name;
        this.ownerId = Objects.requireNonNull(ownerId);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Long ownerId() {
        return ownerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isOwnedBy(Long profileId) {
        return ownerId.equals(profileId);
    }

    /** Hands the account to another profile; only a transfer's acceptance calls this. */
    public void changeOwner(Long newOwnerId) {
        this.ownerId = Objects.requireNonNull(newOwnerId);
    }
}
