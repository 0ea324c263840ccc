package net.hosting.accounttransfer.transfer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.TaxedAmount;
import net.hosting.accounttransfer.infrastructure.Paging;
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

    /** An amount as {@code BigDecimal.toPlainString()} writes it, as in every money object. */
    private static final String AMOUNT = "^-?[0-9]+(\\.[0-9]+)?$";

    private final TransferService transfers;
    private final TransferBilling billing;
    private final ProfileRepository profiles;

    TransferAnswers(TransferService transfers, TransferBilling billing, ProfileRepository profiles) {
        this.transfers = transfers;
        this.billing = billing;
        this.profiles = profiles;
    }

    /** The recipient's charge: {@code amount} is the total with VAT, {@code net} and {@code vat} stand beside it. */
    record Charge(Money amount, Money net, Money vat,
            @Schema(description = "VAT rate in percent, as \"20.00\"", pattern = "^[0-9]+\\.[0-9]{2}$") String vatRate,
            @Schema(description = "The day the recipient is charged") LocalDate date) {

        static Charge of(TaxedAmount charge, LocalDate date) {
            return new Charge(charge.total(), charge.net(), charge.vat(), charge.vatRate().toPlainString(), date);
        }
    }

    /** A refund as a money object, the total as {@code amount}, with its net and VAT beside it (V5). */
    record Refund(
            @Schema(description = "Total with VAT", example = "7.74", pattern = AMOUNT) String amount,
            @Schema(example = "EUR", pattern = "^[A-Z]{3}$") String currency,
            @Schema(example = "6.45", pattern = AMOUNT) String net,
            @Schema(example = "1.29", pattern = AMOUNT) String vat) {

        static Refund of(TaxedAmount refund) {
            return new Refund(refund.total().amount().toPlainString(), refund.net().currency().getCurrencyCode(),
                    refund.net().amount().toPlainString(), refund.vat().amount().toPlainString());
        }
    }

    /** Refunds are null when there is none; B9's previous payer is an amount only, never an identity. */
    record Preview(Charge recipientCharge,
            @Schema(nullable = true, description = "The sender's unused days, null when none are refunded")
            Refund senderRefund,
            @Schema(nullable = true, description = "What the previous payer gets back (B9), null when nothing")
            Refund previousPayerRefund) {
    }

    /** A transfer as the API answers it; the pages show theirs as transfer.web's TransferView. */
    record TransferResource(UUID id, String account, String sender, String recipient, BillingMode billingMode,
            TransferStatus status, Instant createdAt, Instant expiresAt,
            @Schema(nullable = true, description = "When accepted, declined or cancelled; null while pending")
            Instant decidedAt,
            @Schema(nullable = true, description = "When the account moved; null until then") Instant completedAt,
            @Schema(nullable = true, description = "The recipient's reason, when declined with one")
            String declineReason,
            @Schema(nullable = true, description = "What the transfer costs and gives back; null once declined, cancelled "
                    + "or expired")
            Preview preview) {
    }

    @Transactional
    TransferResource start(Long senderId, TransferService.StartRequest request, String idempotencyKey, Actor actor) {
        return view(transfers.start(senderId, request, idempotencyKey, actor).transfer(), senderId);
    }

    @Transactional(readOnly = true)
    TransferResource get(UUID transferId, Long profileId) {
        return view(transfers.get(transferId, profileId), profileId);
    }

    @Transactional(readOnly = true)
    Slice<TransferResource> sent(Long profileId, Paging paging) {
        return transfers.sent(profileId, paging).map(transfer -> view(transfer, profileId));
    }

    @Transactional(readOnly = true)
    Slice<TransferResource> received(Long profileId, Paging paging) {
        return transfers.received(profileId, paging).map(transfer -> view(transfer, profileId));
    }

    @Transactional
    TransferResource accept(UUID transferId, Long profileId, Actor actor) {
        return view(transfers.accept(transferId, profileId, actor), profileId);
    }

    @Transactional
    TransferResource decline(UUID transferId, Long profileId, String reason, Actor actor) {
        return view(transfers.decline(transferId, profileId, reason, actor), profileId);
    }

    @Transactional
    TransferResource cancel(UUID transferId, Long profileId, Actor actor) {
        return view(transfers.cancel(transferId, profileId, actor), profileId);
    }

    /** The preview as {@code viewerId} may read it: only the recipient learns its own VAT before acceptance (T2). */
    private TransferResource view(Transfer transfer, Long viewerId) {
        TransferBilling.Reader reader = transfer.senderId().equals(viewerId) ? TransferBilling.Reader.OTHER
                : TransferBilling.Reader.RECIPIENT;
        Preview preview = billing.preview(transfer, reader).map(cost -> new Preview(
                Charge.of(cost.recipientCharge(), cost.chargeDate()),
                cost.senderRefund().map(Refund::of).orElse(null),
                cost.previousPayerRefund().map(Refund::of).orElse(null))).orElse(null);
        String sender = profiles.findById(transfer.senderId()).orElseThrow(() -> new IllegalStateException(
                "transfer " + transfer.id() + " has no sender profile " + transfer.senderId())).email();
        return new TransferResource(transfer.id(), transfer.accountName(), sender, transfer.recipientEmail(),
                transfer.billingMode(), transfer.status(), transfer.createdAt(), transfer.expiresAt(),
                transfer.decidedAt(), transfer.completedAt(), transfer.declineReason(), preview);
    }
}
