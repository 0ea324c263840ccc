package net.hosting.accounttransfer.account;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.common.NotFoundException;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Accounts by name and by owner. */
public interface AccountRepository extends Repository<Account, Long> {

    Account save(Account account);

    Optional<Account> findById(Long id);

    @Query("select a from Account a where a.name = ?1")
    Optional<Account> findByName(String name);

    /** The profile's own account of this name; another profile's looks exactly like one that does not exist (T1). */
    default Optional<Account> findOwned(Long profileId, String name) {
        return name == null ? Optional.empty() : findByName(name.strip()).filter(account -> account.isOwnedBy(profileId));
    }

    /** {@link #findOwned}, or a 404 that names the account as the caller wrote it. */
    default Account owned(Long profileId, String name) {
        TextFields.oneLine("account", name);
        return findOwned(profileId, name)
                .orElseThrow(() -> new NotFoundException("You have no account named '" + name + "'."));
    }

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id = ?1")
    Optional<Account> lockById(Long id);

    @Query("select a from Account a where a.ownerId = ?1 order by a.name")
    List<Account> findByOwner(Long ownerId);
}
