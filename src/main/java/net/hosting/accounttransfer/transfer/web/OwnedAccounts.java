package net.hosting.accounttransfer.transfer.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts a profile owns, as both the subscriptions page and {@code GET /api/accounts} show them. */
@Component
class OwnedAccounts {

    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final TransferService transfers;

    OwnedAccounts(AccountRepository accounts, SubscriptionRepository subscriptions, TransferService transfers) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.transfers = transfers;
    }

    /** An owned account with its active subscription (null when closed) and its pending transfer (or null). */
    record AccountRow(String name, Subscription subscription, Transfer pending) {

        public boolean transferable() {
            return subscription != null && pending == null;
        }
    }

    /** The profile's accounts in name order, read in one transaction so that the three parts agree. */
    @Transactional(readOnly = true)
    List<AccountRow> of(Long profileId) {
        List<Account> owned = accounts.findByOwner(profileId);
        List<Long> ids = owned.stream().map(Account::id).toList();
        Map<Long, Subscription> active = ids.isEmpty() ? Map.of() : subscriptions.findActiveByAccounts(ids).stream()
                .collect(Collectors.toMap(Subscription::accountId, Function.identity()));
        Map<Long, Transfer> pending = transfers.pendingFor(ids).stream()
                .collect(Collectors.toMap(Transfer::accountId, Function.identity()));
        return owned.stream().map(account -> new AccountRow(account.name(), active.get(account.id()),
                pending.get(account.id()))).toList();
    }
}
