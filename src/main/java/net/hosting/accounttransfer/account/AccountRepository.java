package net.hosting.accounttransfer.account;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Accounts by name and by owner. */
public interface AccountRepository extends Repository<Account, Long> {

    Account save(Account account);

    Optional<Account> findById(Long id);

    @Query("select a from Account a where a.name = ?1")
    Optional<Account> findByName(String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id = ?1")
    Optional<Account> lockById(Long id);

    @Query("select a from Account a where a.ownerId = ?1 order by a.name")
    List<Account> findByOwner(Long ownerId);
}
