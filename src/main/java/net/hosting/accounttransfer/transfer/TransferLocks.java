package net.hosting.accounttransfer.transfer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks a transfer's row for the rest of the transaction and returns its current state. A step may have read
 * the transfer earlier in the same transaction (the offer step does); locking must then reload it rather than
 * trip over the version another node has since committed.
 */
@Component
class TransferLocks {

    private final EntityManager entityManager;

    TransferLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Transfer> lock(UUID transferId) {
        // what this transaction changed must reach the row before it is read back under the lock
        entityManager.flush();
        Transfer transfer = entityManager.find(Transfer.class, transferId);
        if (transfer == null) {
            return Optional.empty();
        }
        entityManager.refresh(transfer, LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(transfer);
    }

    /**
     * Reads the transfer under a shared lock: it waits while a step that holds the row (the offer being mailed
     * with its link's hash) has not committed, and then sees what that step wrote.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Transfer> share(UUID transferId) {
        return Optional.ofNullable(entityManager.find(Transfer.class, transferId, LockModeType.PESSIMISTIC_READ));
    }
}
