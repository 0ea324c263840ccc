package net.hosting.accounttransfer.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Transfers; decisions lock the row through {@link TransferLocks}. */
interface TransferRepository extends Repository<Transfer, UUID> {

    Transfer saveAndFlush(Transfer transfer);

    Optional<Transfer> findById(UUID id);

    @Query("select t from Transfer t where t.senderId = ?1 and t.idempotencyKey = ?2")
    Optional<Transfer> findBySenderAndIdempotencyKey(Long senderId, String idempotencyKey);

    @Query("select t from Transfer t where t.accountId = ?1 and t.status = net.hosting.accounttransfer.transfer.TransferStatus.PENDING")
    Optional<Transfer> findPendingForAccount(Long accountId);

    @Query("select t from Transfer t where t.accountId in ?1 and t.status = net.hosting.accounttransfer.transfer.TransferStatus.PENDING")
    List<Transfer> findPendingForAccounts(List<Long> accountIds);

    /** When this sender started transfers after {@code since}, oldest first (the offer limit, S4). */
    @Query("select t.createdAt from Transfer t where t.senderId = ?1 and t.createdAt > ?2 order by t.createdAt")
    List<Instant> startTimesSince(Long senderId, Instant since);

    @Query("select t from Transfer t where t.senderId = ?1 order by t.createdAt desc, t.id desc")
    Slice<Transfer> findSentBy(Long senderId, Pageable page);

    @Query("""
            select t from Transfer t where lower(t.recipientEmail) = lower(?1) or t.recipientId = ?2
              order by t.createdAt desc, t.id desc""")
    Slice<Transfer> findReceivedBy(String email, Long profileId, Pageable page);
}
