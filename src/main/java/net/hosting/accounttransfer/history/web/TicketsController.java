package net.hosting.accounttransfer.history.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.infrastructure.Paging;
import net.hosting.accounttransfer.history.Ticket;
import net.hosting.accounttransfer.history.Tickets;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tickets}: the signed-in profile's support tickets, each possibly about one of its accounts. */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets", description = "Support tickets of the signed-in customer")
class TicketsController {

    private final Tickets tickets;
    private final AccountRepository accounts;

    TicketsController(Tickets tickets, AccountRepository accounts) {
        this.tickets = tickets;
        this.accounts = accounts;
    }

    record OpenBody(String subject, String message,
            @Schema(nullable = true, description = "One of the customer's accounts, when the ticket is about one")
            String account) {
    }

    record TicketView(Long id, String subject, String message,
            @Schema(nullable = true, description = "The account the ticket is about; null when none") String account,
            Ticket.Status status, Instant createdAt) {

        static TicketView of(Ticket ticket) {
            return new TicketView(ticket.id(), ticket.subject(), ticket.message(), ticket.accountName(),
                    ticket.status(), ticket.createdAt());
        }
    }

    @GetMapping
    @Operation(summary = "The signed-in customer's tickets, newest first")
    ResponseEntity<List<TicketView>> list(@AuthenticationPrincipal SignedInProfile me,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            HttpServletRequest request) {
        Paging paging = Paging.of(page, size);
        return paging.answer(tickets.of(me.profileId(), paging).map(TicketView::of), request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One ticket of the signed-in customer")
    TicketView get(@AuthenticationPrincipal SignedInProfile me, @PathVariable Long id) {
        return TicketView.of(tickets.get(me.profileId(), id));
    }

    @PostMapping
    @Operation(summary = "Open a ticket, about one of the customer's accounts or none")
    @ApiResponse(responseCode = "201", description = "The ticket, open",
            headers = @Header(name = "Location", required = true, description = "/api/tickets/{id}",
                    schema = @Schema(type = "string")), useReturnTypeSchema = true)
    @Transactional
    ResponseEntity<TicketView> open(@AuthenticationPrincipal SignedInProfile me, @RequestBody OpenBody body,
            HttpServletRequest request) {
        Account account = null;
        if (body.account() != null && !body.account().isBlank()) {
            account = accounts.owned(me.profileId(), body.account());
        }
        Ticket ticket = tickets.open(me.profileId(), me.actor(request),
                account == null ? null : account.id(), account == null ? null : account.name(), body.subject(),
                body.message());
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.id())).body(TicketView.of(ticket));
    }
}
