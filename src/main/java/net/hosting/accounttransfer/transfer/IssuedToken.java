package net.hosting.accounttransfer.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The hash of one accept link that was mailed; the link itself is never stored. */
@Entity
@Table(name = "transfer_token")
class IssuedToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "transfer_id")
    private UUID transferId;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "issued_at")
    private Instant issuedAt;

    protected IssuedToken() {
    }

    IssuedToken(UUID transferId, String tokenHash, Instant issuedAt) {
        this.transferId = transferId;
        this.tokenHash = tokenHash;
        this.issuedAt = issuedAt;
    }

    String tokenHash() {
        return tokenHash;
    }
}
