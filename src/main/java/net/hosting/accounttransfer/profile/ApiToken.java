package net.hosting.accounttransfer.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A personal API token of a profile; the token itself is shown once and only its SHA-256 hash is kept. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    /** The width of the name column (V4); the API, the page and the service all check against it. */
    public static final int MAX_NAME_LENGTH = 100;

    /** How many live tokens one profile may hold, so that the list of them (API and profile page) stays bounded. */
    public static final int MAX_PER_PROFILE = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "profile_id")
    private Long profileId;

    private String name;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiToken() {
    }

    ApiToken(Long profileId, String name, String tokenHash, Instant createdAt) {
        this.profileId = Objects.requireNonNull(profileId);
        this.name = Objects.requireNonNull(name);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the token last authenticated a call, to the minute; null if never. */
    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    Long profileId() {
        return profileId;
    }
}
