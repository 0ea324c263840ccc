package net.hosting.accounttransfer.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/accounts}: the accounts a profile owns, with their subscription and any pending transfer. */
@RestController
class AccountsController {

    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final TransferService transfers;

    AccountsController(AccountRepository accounts, SubscriptionRepository subscriptions, TransferService transfers) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.transfers = transfers;
    }

    record SubscriptionView(Long id, String plan, Money price, BillingCycle period, LocalDate currentPeriodStart,
            LocalDate renewalDate, Subscription.Status status) {
    }

    record PendingTransferView(UUID id, String recipient, BillingMode billingMode, Instant expiresAt) {
    }

    record AccountView(String name, String owner, SubscriptionView subscription, PendingTransferView pendingTransfer) {
    }

    @GetMapping("/api/accounts")
    @Transactional(readOnly = true)
    List<AccountView> list(@AuthenticationPrincipal SignedInProfile me) {
        List<Account> owned = accounts.findByOwner(me.profileId());
        List<Long> ids = owned.stream().map(Account::id).toList();
        Map<Long, Subscription> active = subscriptions.findActiveByAccounts(ids).stream()
                .collect(Collectors.toMap(Subscription::accountId, Function.identity()));
        Map<Long, Transfer> pending = transfers.pendingFor(ids).stream()
                .collect(Collectors.toMap(Transfer::accountId, Function.identity()));
        return owned.stream().map(account -> new AccountView(account.name(), me.getUsername(),
                subscriptionView(active.get(account.id())), pendingView(pending.get(account.id())))).toList();
    }

    private static SubscriptionView subscriptionView(Subscription subscription) {
        return subscription == null ? null : new SubscriptionView(subscription.id(), subscription.plan(),
                subscription.price(), subscription.cycle(), subscription.currentPeriod().start(),
                subscription.renewalDate(), subscription.status());
    }

    private static PendingTransferView pendingView(Transfer transfer) {
        return transfer == null ? null : new PendingTransferView(transfer.id(), transfer.recipientEmail(),
                transfer.billingMode(), transfer.expiresAt());
    }
}
