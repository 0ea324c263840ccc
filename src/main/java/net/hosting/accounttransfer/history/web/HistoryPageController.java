package net.hosting.accounttransfer.history.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.document.DocumentPdfs;
import net.hosting.accounttransfer.history.ActivityLog;
import net.hosting.accounttransfer.history.Tickets;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import net.hosting.accounttransfer.web.CustomerPage;
import net.hosting.accounttransfer.web.Notices;
import net.hosting.accounttransfer.web.PagedLists;
import net.hosting.accounttransfer.web.Refusals;

/**
 * {@code /history}: the profile's own history (invoices and credit notes with the billing identity they were
 * issued to, support tickets, activity), which stays with the profile whatever happens to its accounts.
 */
@Controller
@CustomerPage
class HistoryPageController {

    // the sections of the page, each a list paged by the query parameter of the same name
    private static final String INVOICES = "invoices";
    private static final String TICKETS = "tickets";
    private static final String ACTIVITY = "activity";

    private final InvoiceRepository invoices;
    private final ActivityLog activity;
    private final Tickets tickets;
    private final AccountRepository accounts;
    private final BillingProperties billing;
    private final DocumentPdfs pdfs;

    HistoryPageController(InvoiceRepository invoices, ActivityLog activity, Tickets tickets,
            AccountRepository accounts, BillingProperties billing, DocumentPdfs pdfs) {
        this.billing = billing;
        this.invoices = invoices;
        this.activity = activity;
        this.tickets = tickets;
        this.accounts = accounts;
        this.pdfs = pdfs;
    }

    @GetMapping("/history")
    String history(@AuthenticationPrincipal SignedInProfile me,
            @RequestParam(name = INVOICES, required = false) Integer invoicePage,
            @RequestParam(name = TICKETS, required = false) Integer ticketPage,
            @RequestParam(name = ACTIVITY, required = false) Integer activityPage,
            @RequestParam(required = false) Integer size, Model model) {
        model.addAttribute("ticket", new TicketForm());
        return page(me, lists(size, invoicePage, ticketPage, activityPage), model);
    }

    @PostMapping("/history/tickets")
    String openTicket(@AuthenticationPrincipal SignedInProfile me, @ModelAttribute("ticket") TicketForm form,
            BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<Account> about = Optional.empty();
        if (form.getAccount() != null && !form.getAccount().isBlank()) {
            about = accounts.findOwned(me.profileId(), form.getAccount());
            if (about.isEmpty()) {
                errors.rejectValue("account", "ticket.error.account");
            }
        }
        try {
            if (errors.hasErrors()) {
                tickets.check(form.getSubject(), form.getMessage());
            } else {
                tickets.open(me.profileId(), me.actor(request), about.map(Account::id).orElse(null),
                        about.map(Account::name).orElse(null), form.getSubject(), form.getMessage());
            }
        } catch (RuleViolationException e) {
            Refusals.reject(errors, e, "subject", "subject", "message");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(me, lists(null, null, null, null), model);
        }
        Notices.notice(redirect, "ticket.opened", form.getSubject().strip());
        return "redirect:/history#tickets";
    }

    /** A document's PDF from the history page and the mails (D1, D5); 404 for anyone but the document's profile. */
    @GetMapping("/history/invoices/{number}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal SignedInProfile me, @PathVariable String number) {
        return pdfs.of(me.profileId(), number).map(DocumentPdfs.Pdf::download)
                .orElseThrow(() -> new NotFoundException("no document " + number + " of profile " + me.profileId()));
    }

    private static PagedLists lists(Integer size, Integer invoicePage, Integer ticketPage, Integer activityPage) {
        return PagedLists.on("/history", size).with(INVOICES, invoicePage).with(TICKETS, ticketPage)
                .with(ACTIVITY, activityPage);
    }

    private String page(SignedInProfile me, PagedLists lists, Model model) {
        lists.addTo(model, INVOICES, invoices.findByProfile(me.profileId(), lists.list(INVOICES).pageable()));
        lists.addTo(model, TICKETS, tickets.of(me.profileId(), lists.list(TICKETS)));
        lists.addTo(model, ACTIVITY, activity.of(me.profileId(), lists.list(ACTIVITY)));
        List<String> owned = accounts.findByOwner(me.profileId()).stream().map(Account::name).toList();
        model.addAttribute("accounts", owned);
        // a reverse-charge document names both VAT numbers (PRODUCT.md V2)
        model.addAttribute("sellerVatNumber", billing.seller().vatNumber());
        return "history";
    }
}
