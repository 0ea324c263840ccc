package net.hosting.accounttransfer.profile;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Email changes waiting for their confirmation link. */
interface PendingEmailChangeRepository extends Repository<PendingEmailChange, Long> {

    PendingEmailChange save(PendingEmailChange change);

    /** Locked, so that the same link opened twice at once confirms once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from PendingEmailChange c where c.tokenHash = ?1")
    Optional<PendingEmailChange> lockByTokenHash(String tokenHash);

    /** How many email changes the profile asked for since {@code since}, for S9's daily limit. */
    @Query("select count(c) from PendingEmailChange c where c.profileId = ?1 and c.createdAt > ?2")
    long countRequestedSince(Long profileId, Instant since);

    /** Spends every open link of the profile: a newer request replaces them (S9), a new password ends them (S10). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update PendingEmailChange c set c.usedAt = ?2 where c.profileId = ?1 and c.usedAt is null")
    int closeOpen(Long profileId, Instant at);

    @Query("select c from PendingEmailChange c where c.profileId = ?1 and c.usedAt is null and c.expiresAt > ?2"
            + " order by c.createdAt desc")
    List<PendingEmailChange> findOpen(Long profileId, Instant at);
}
