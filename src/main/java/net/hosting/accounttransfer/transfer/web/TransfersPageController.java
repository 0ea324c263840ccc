package net.hosting.accounttransfer.transfer.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.ConcurrentDecisions;
import net.hosting.accounttransfer.transfer.ProcessNotWaitingException;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferBilling;
import net.hosting.accounttransfer.transfer.TransferService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import net.hosting.accounttransfer.web.CustomerPage;
import net.hosting.accounttransfer.web.Notices;
import net.hosting.accounttransfer.web.PagedLists;
import net.hosting.accounttransfer.web.Refusals;

/**
 * The Transfers tab ({@code /transfers}: received and sent) and the accept page {@code /transfers/{id}}, which an
 * emailed link opens with its token (T8, T13). Decisions are posted forms; the token only lets a visitor who is
 * not signed in see the offer, acting always takes the recipient's sign-in.
 */
@Controller
@CustomerPage
class TransfersPageController {

    // the two lists of the Transfers tab, each paged by the query parameter of the same name
    private static final String RECEIVED = "received";
    private static final String SENT = "sent";

    private final TransferService transfers;
    private final TransferViews views;
    private final ProfileService profiles;
    private final MailedLinks links;
    // the same session-held cache the sign-in form reads, so signing in returns to the offer
    private final RequestCache requestCache = new HttpSessionRequestCache();

    TransfersPageController(TransferService transfers, TransferViews views, ProfileService profiles,
            MailedLinks links) {
        this.transfers = transfers;
        this.views = views;
        this.profiles = profiles;
        this.links = links;
    }

    /** How the reader of the accept page stands towards the transfer, which decides what the page offers. */
    enum Role { RECIPIENT, SENDER, VISITOR, OTHER_PROFILE }

    @GetMapping("/transfers")
    String list(@AuthenticationPrincipal SignedInProfile me,
            @RequestParam(name = RECEIVED, required = false) Integer receivedPage,
            @RequestParam(name = SENT, required = false) Integer sentPage,
            @RequestParam(required = false) Integer size, Model model) {
        PagedLists lists = PagedLists.on("/transfers", size).with(RECEIVED, receivedPage).with(SENT, sentPage);
        lists.addTo(model, RECEIVED, transfers.received(me.profileId(), lists.list(RECEIVED))
                .map(transfer -> views.of(transfer, TransferBilling.Reader.RECIPIENT)));
        lists.addTo(model, SENT, transfers.sent(me.profileId(), lists.list(SENT))
                .map(transfer -> views.of(transfer, TransferBilling.Reader.OTHER)));
        return "transfers";
    }

    @GetMapping("/transfers/{id}")
    String show(@PathVariable UUID id, @RequestParam(required = false) String token,
            @AuthenticationPrincipal SignedInProfile me, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        if (token != null) {
            Optional<Transfer> linked = links.pendingOffer(id, token, request);
            if (linked.isEmpty()) {
                return invalidLink(id, me, model, response);
            }
            Transfer transfer = linked.get();
            if (me == null) {
                requestCache.saveRequest(request, response);
                model.addAttribute("canSignUp", profiles.findByEmail(transfer.recipientEmail()).isEmpty());
                model.addAttribute("token", token);
                return page(transfer, Role.VISITOR, model);
            }
            if (!transfers.isParty(transfer, me.profileId())) {
                // the link proves its holder received the offer, so the offer shows, with who should sign in
                return page(transfer, Role.OTHER_PROFILE, model);
            }
        } else if (me == null) {
            requestCache.saveRequest(request, response);
            return "redirect:/login";
        }
        Transfer transfer = transfers.get(id, me.profileId());
        return page(transfer, roleOf(transfer, me), model);
    }

    @PostMapping("/transfers/{id}/accept")
    String accept(@PathVariable UUID id, @AuthenticationPrincipal SignedInProfile me, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            ConcurrentDecisions.retry(() ->
                    transfers.accept(id, me.profileId(), me.actor(request)));
            Notices.notice(redirect, "transfer.accepted");
        } catch (ProcessNotWaitingException e) {
            Notices.problem(redirect, "transfer.error.processNotWaiting");
        } catch (ConflictException e) {
            Notices.problem(redirect, "transfer.error.notPending");
        } catch (RuleViolationException e) {
            Notices.problem(redirect, Refusals.code(e.reason()));
        }
        return "redirect:/transfers/" + id;
    }

    @PostMapping("/transfers/{id}/decline")
    String decline(@PathVariable UUID id, @RequestParam(required = false) String reason,
            @AuthenticationPrincipal SignedInProfile me, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        try {
            ConcurrentDecisions.retry(() ->
                    transfers.decline(id, me.profileId(), reason, me.actor(request)));
            Notices.notice(redirect, "transfer.declined");
        } catch (RuleViolationException e) {
            RuleViolationException.Violation aboutReason = e.violations().stream()
                    .filter(violation -> "reason".equals(violation.field())).findFirst().orElseThrow(() -> e);
            // the service's refusal of what was typed, beside the reason, which stays as typed
            Transfer transfer = transfers.get(id, me.profileId());
            model.addAttribute("reason", reason);
            model.addAttribute("reasonError", Refusals.code(aboutReason.reason()));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(transfer, roleOf(transfer, me), model);
        } catch (ProcessNotWaitingException e) {
            Notices.problem(redirect, "transfer.error.processNotWaiting");
        } catch (ConflictException e) {
            Notices.problem(redirect, "transfer.error.notPending");
        }
        return "redirect:/transfers/" + id;
    }

    @PostMapping("/transfers/{id}/cancel")
    String cancel(@PathVariable UUID id, @AuthenticationPrincipal SignedInProfile me, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            ConcurrentDecisions.retry(() ->
                    transfers.cancel(id, me.profileId(), me.actor(request)));
            Notices.notice(redirect, "transfer.cancelled");
        } catch (ProcessNotWaitingException e) {
            Notices.problem(redirect, "transfer.error.processNotWaiting");
        } catch (ConflictException e) {
            Notices.problem(redirect, "transfer.error.notPending");
        }
        return "redirect:/transfers/" + id;
    }

    private String page(Transfer transfer, Role role, Model model) {
        model.addAttribute("transfer", views.of(transfer, role == Role.RECIPIENT || role == Role.VISITOR
                ? TransferBilling.Reader.RECIPIENT : TransferBilling.Reader.OTHER));
        model.addAttribute("role", role.name());
        return "transfer";
    }

    private String invalidLink(UUID id, SignedInProfile me, Model model, HttpServletResponse response) {
        // one answer for a wrong, tampered, stale or other transfer's token: nothing to tell apart, nothing changed
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("transferId", id);
        model.addAttribute("party", me != null && isPartyOf(id, me));
        return "link-invalid";
    }

    private boolean isPartyOf(UUID id, SignedInProfile me) {
        try {
            transfers.get(id, me.profileId());
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private Role roleOf(Transfer transfer, SignedInProfile me) {
        return transfer.senderId().equals(me.profileId()) ? Role.SENDER : Role.RECIPIENT;
    }
}
