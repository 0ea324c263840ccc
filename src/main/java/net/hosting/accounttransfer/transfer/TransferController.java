package net.hosting.accounttransfer.transfer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.ProfileRepository;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/transfers}: start, follow and decide transfers. */
@RestController
@RequestMapping("/api/transfers")
class TransferController {

    private final TransferService transfers;
    private final TransferBilling billing;
    private final ProfileRepository profiles;

    TransferController(TransferService transfers, TransferBilling billing, ProfileRepository profiles) {
        this.transfers = transfers;
        this.billing = billing;
        this.profiles = profiles;
    }

    record StartBody(@NotBlank String account, @NotBlank String recipientEmail, @NotNull BillingMode billingMode) {
    }

    record DeclineBody(String reason) {
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

    @PostMapping
    ResponseEntity<TransferView> start(@AuthenticationPrincipal SignedInProfile me, @Valid @RequestBody StartBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        TransferService.StartRequest start =
                new TransferService.StartRequest(body.account(), body.recipientEmail(), body.billingMode());
        TransferService.Started started;
        try {
            started = transfers.start(me.profileId(), start, idempotencyKey, actor(me, request));
        } catch (ConflictException e) {
            // a repeat sent while the first request was in flight loses on the database's unique index, and only
            // once the first has committed, so the first transfer is there to answer with
            started = transfers.startedWith(me.profileId(), idempotencyKey)
                    .map(first -> new TransferService.Started(first, false)).orElseThrow(() -> e);
        }
        // a repeated Idempotency-Key gets the very answer of the first request
        return ResponseEntity.created(URI.create("/api/transfers/" + started.transfer().id()))
                .body(view(started.transfer()));
    }

    @GetMapping
    List<TransferView> list(@AuthenticationPrincipal SignedInProfile me, @RequestParam(required = false) String role) {
        List<Transfer> found = switch (role == null ? "" : role) {
            case "sent" -> transfers.sent(me.profileId());
            case "received" -> transfers.received(me.profileId());
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Say which transfers: ?role=sent or ?role=received.");
        };
        return found.stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    TransferView get(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id) {
        return view(transfers.get(id, me.profileId()));
    }

    @PostMapping("/{id}/cancel")
    TransferView cancel(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id, HttpServletRequest request) {
        return view(transfers.cancel(id, me.profileId(), actor(me, request)));
    }

    @PostMapping("/{id}/accept")
    TransferView accept(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id, HttpServletRequest request) {
        return view(transfers.accept(id, me.profileId(), actor(me, request)));
    }

    @PostMapping("/{id}/decline")
    TransferView decline(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id,
            @RequestBody(required = false) DeclineBody body, HttpServletRequest request) {
        return view(transfers.decline(id, me.profileId(), body == null ? null : body.reason(), actor(me, request)));
    }

    private TransferView view(Transfer transfer) {
        Preview preview = billing.preview(transfer).map(quote -> new Preview(
                new Charge(quote.recipientCharge(), quote.chargeDate()),
                positiveOrNull(quote.senderRefund()), positiveOrNull(quote.previousPayerRefund()))).orElse(null);
        String sender = profiles.findById(transfer.senderId()).orElseThrow().email();
        return new TransferView(transfer.id(), transfer.accountName(), sender, transfer.recipientEmail(),
                transfer.billingMode(), transfer.status(), transfer.createdAt(), transfer.expiresAt(),
                transfer.decidedAt(), transfer.completedAt(), transfer.declineReason(), preview);
    }

    private static Money positiveOrNull(Money refund) {
        return refund.isPositive() ? refund : null;
    }

    private static Actor actor(SignedInProfile me, HttpServletRequest request) {
        return new Actor(me.getUsername(), request.getRemoteAddr());
    }
}
