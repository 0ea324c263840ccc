package net.hosting.accounttransfer.billing;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Subscriptions by account and payer. */
public interface SubscriptionRepository extends Repository<Subscription, Long> {

    Subscription save(Subscription subscription);

    Subscription saveAndFlush(Subscription subscription);

    Optional<Subscription> findById(Long id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Subscription s where s.id = ?1")
    Optional<Subscription> lockById(Long id);

    @Query("select s from Subscription s where s.accountId = ?1 and s.status = net.hosting.accounttransfer.billing.Subscription.Status.ACTIVE")
    Optional<Subscription> findActiveByAccount(Long accountId);

    @Query("select s from Subscription s where s.accountId in ?1 and s.status = net.hosting.accounttransfer.billing.Subscription.Status.ACTIVE")
    List<Subscription> findActiveByAccounts(List<Long> accountIds);
}
