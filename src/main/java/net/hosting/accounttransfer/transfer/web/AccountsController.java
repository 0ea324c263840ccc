package net.hosting.accounttransfer.transfer.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/accounts}: the accounts a profile owns, with their subscription and any pending transfer. */
@RestController
@Tag(name = "Accounts", description = "The hosting accounts the signed-in customer owns")
class AccountsController {

    private final OwnedAccounts owned;

    AccountsController(OwnedAccounts owned) {
        this.owned = owned;
    }

    record SubscriptionView(Long id, String plan, Money price, BillingCycle period, LocalDate currentPeriodStart,
            LocalDate renewalDate, Subscription.Status status) {
    }

    record PendingTransferView(UUID id, String recipient, BillingMode billingMode, Instant expiresAt) {
    }

    record AccountView(String name, String owner,
            @Schema(nullable = true, description = "The account's subscription; null when it has none")
            SubscriptionView subscription,
            @Schema(nullable = true, description = "The transfer offered and not yet decided; null when none")
            PendingTransferView pendingTransfer) {
    }

    @GetMapping("/api/accounts")
    @Operation(summary = "The signed-in customer's accounts, with their subscription and any pending transfer")
    List<AccountView> list(@AuthenticationPrincipal SignedInProfile me) {
        return owned.of(me.profileId()).stream().map(row -> new AccountView(row.name(), me.getUsername(),
                subscriptionView(row.subscription()), pendingView(row.pending()))).toList();
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
