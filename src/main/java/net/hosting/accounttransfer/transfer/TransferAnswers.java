package net.hosting.accounttransfer.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.common.Paging;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.ProfileRepository;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API's answers, each built inside the transaction that made or read the change. An answer built after
 * the commit needed a second transaction, which under load could time out and report a failure for a
 * decision already recorded; built here, the answer is exactly what committed, and a failure means nothing did.
 */
@Service
class TransferAnswers {

    private final TransferService transfers;
    private final TransferBilling billing;
    private final ProfileRepository profiles;

    TransferAnswers(TransferService transfers, TransferBilling billing, ProfileRepository profiles) {
        this.transfers = transfers;
        this.billing = billing;
        this.profiles = profiles;
    }

    record Charge(Money amount, LocalDate date) {
    }

    /** Refunds are null when there is none; B9's previous payer is an amount only, never an identity. */
    record Preview(Charge recipientCharge, Money senderRefund, Money previousPayerRefund) {
    }

    record TransferView(UUID id, String account, String sender, String recipient, BillingMode billingMode,
            TransferStatus status, Instant createdAt, Instant expiresAt, Instant decidedAt, Instant completedAt,
            String declineReason, Preview preview) {
    }

    @Transactional
    TransferView start(Long senderId, TransferService.StartRequest request, String idempotencyKey, Actor actor) {
        return view(transfers.start(senderId, request, idempotencyKey, actor).transfer());
    }

    @Transactional(readOnly = true)
    TransferView get(UUID transferId, Long profileId) {
        return view(transfers.get(transferId, profileId));
    }

    @Transactional(readOnly = true)
    Slice<TransferView> sent(Long profileId, Paging paging) {
        return transfers.sent(profileId, paging).map(this::view);
    }

    @Transactional(readOnly = true)
    Slice<TransferView> received(Long profileId, Paging paging) {
        return transfers.received(profileId, paging).map(this::view);
    }

    @Transactional
    TransferView accept(UUID transferId, Long profileId, Actor actor) {
        return view(transfers.accept(transferId, profileId, actor));
    }

    @Transactional
    TransferView decline(UUID transferId, Long profileId, String reason, Actor actor) {
        return view(transfers.decline(transferId, profileId, reason, actor));
    }

    @Transactional
    TransferView cancel(UUID transferId, Long profileId, Actor actor) {
        return view(transfers.cancel(transferId, profileId, actor));
    }

    private TransferView view(Transfer transfer) {
        Preview preview = billing.preview(transfer).map(quote -> new Preview(
                new Charge(quote.recipientCharge(), quote.chargeDate()),
                positiveOrNull(quote.senderRefund()), positiveOrNull(quote.previousPayerRefund()))).orElse(null);
        String sender = profiles.findById(transfer.senderId()).orElseThrow(() -> new IllegalStateException(
                "transfer " + transfer.id() + " has no sender profile " + transfer.senderId())).email();
        return new TransferView(transfer.id(), transfer.accountName(), sender, transfer.recipientEmail(),
                transfer.billingMode(), transfer.status(), transfer.createdAt(), transfer.expiresAt(),
                transfer.decidedAt(), transfer.completedAt(), transfer.declineReason(), preview);
    }

    private static Money positiveOrNull(Money refund) {
        return refund.isPositive() ? refund : null;
    }
}
