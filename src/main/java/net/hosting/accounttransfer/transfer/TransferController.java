package net.hosting.accounttransfer.transfer;

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
class TransferController {

    private final TransferAnswers answers;

    TransferController(TransferAnswers answers) {
        this.answers = answers;
    }

    record StartBody(@NotBlank String account, @NotBlank String recipientEmail, @NotNull BillingMode billingMode) {
    }

    record DeclineBody(String reason) {
    }

    @PostMapping
    ResponseEntity<TransferResource> start(@AuthenticationPrincipal SignedInProfile me, @Valid @RequestBody StartBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        TransferService.StartRequest start =
                new TransferService.StartRequest(body.account(), body.recipientEmail(), body.billingMode());
        // a repeated Idempotency-Key gets the very answer of the first request (TransferService.start)
        TransferResource started = answers.start(me.profileId(), start, idempotencyKey, me.actor(request));
        return ResponseEntity.created(URI.create("/api/transfers/" + started.id())).body(started);
    }

    @GetMapping
    ResponseEntity<List<TransferResource>> list(@AuthenticationPrincipal SignedInProfile me,
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
    TransferResource get(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id) {
        return answers.get(id, me.profileId());
    }

    @PostMapping("/{id}/cancel")
    TransferResource cancel(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id, HttpServletRequest request) {
        return ConcurrentDecisions.retry(() -> answers.cancel(id, me.profileId(), me.actor(request)));
    }

    @PostMapping("/{id}/accept")
    TransferResource accept(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id, HttpServletRequest request) {
        return ConcurrentDecisions.retry(() -> answers.accept(id, me.profileId(), me.actor(request)));
    }

    @PostMapping("/{id}/decline")
    TransferResource decline(@AuthenticationPrincipal SignedInProfile me, @PathVariable UUID id,
            @RequestBody(required = false) DeclineBody body, HttpServletRequest request) {
        String reason = body == null ? null : body.reason();
        return ConcurrentDecisions.retry(() -> answers.decline(id, me.profileId(), reason, me.actor(request)));
    }
}
