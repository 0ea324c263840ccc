package net.hosting.accounttransfer.transfer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.infrastructure.Paging;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.TransferAnswers.TransferResource;
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
@Tag(name = "Transfers", description = "Offer an account to another customer; the recipient accepts or declines, "
        + "the sender may cancel while the offer is pending")
class TransferController {

    private final TransferAnswers answers;

    TransferController(TransferAnswers answers) {
        this.answers = answers;
    }

    record StartBody(@NotBlank String account, @NotBlank String recipientEmail, @NotNull BillingMode billingMode) {
    }

    record DeclineBody(@Schema(nullable = true, description = "Shown to the sender; may be left out")
            String reason) {
    }

    @PostMapping
    @Operation(summary = "Offer an account to another customer",
            description = "The recipient is mailed the offer; a repeated Idempotency-Key answers the first transfer again.")
    @ApiResponse(responseCode = "201", description = "The transfer, pending",
            headers = @Header(name = "Location", required = true, description = "/api/transfers/{id}",
                    schema = @Schema(type = "string")), useReturnTypeSchema = true)
    ResponseEntity<TransferResource> start(@AuthenticationPrincipal SignedInProfile me, @Valid @RequestBody StartBody body,
            @Parameter(description = "Any unique string; a retry with the same key starts nothing new")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        TransferService.StartRequest start =
                new TransferService.StartRequest(body.account(), body.recipientEmail(), body.billingMode());
        // a repeated Idempotency-Key gets the very answer of the first request (TransferService.start)
        TransferResource started = answers.start(me.profileId(), start, idempotencyKey, me.actor(request));
        return ResponseEntity.created(URI.create("/api/transfers/" + started.id())).body(started);
    }

    @GetMapping
    @Operation(summary = "The transfers the signed-in customer sent or received, newest first")
    ResponseEntity<List<TransferResource>> list(@AuthenticationPrincipal SignedInProfile me,
            @Parameter(required = true, description = "Which transfers: those sent, or those received",
                    schema = @Schema(allowableValues = {"sent", "received"}))
            @RequestParam(required = false) String role, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, HttpServletRequest request) {
        Paging paging = Paging.of(page, size);
        return paging.answer(switch (role == null ? "" : role) {
            case "sent" -> answers.sent(me.profileId(), paging);
            case "received" -> answers.received(me.profileId(), paging);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Say which transfers: ?role=sent or ?role=received.");
        }, request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One transfer of the signed-in customer, as sender or recipient")
    TransferResource get(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id) {
        return answers.get(id, me.profileId());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Withdraw a pending offer (the sender)")
    TransferResource cancel(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id, HttpServletRequest request) {
        return ConcurrentDecisions.retry(() -> answers.cancel(id, me.profileId(), me.actor(request)));
    }

    @PostMapping("/{id}/accept")
    @Operation(summary = "Accept a pending offer (the recipient)",
            description = "The account moves to the recipient, who is invoiced as the billing mode says.")
    TransferResource accept(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id, HttpServletRequest request) {
        return ConcurrentDecisions.retry(() -> answers.accept(id, me.profileId(), me.actor(request)));
    }

    @PostMapping("/{id}/decline")
    @Operation(summary = "Decline a pending offer (the recipient), with a reason or none")
    TransferResource decline(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id,
            @RequestBody(required = false) DeclineBody body, HttpServletRequest request) {
        String reason = body == null ? null : body.reason();
        return ConcurrentDecisions.retry(() -> answers.decline(id, me.profileId(), reason, me.actor(request)));
    }
}
