package net.hosting.accounttransfer.transfer.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.TooManyRequestsException;
import net.hosting.accounttransfer.transfer.TransferProperties;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferBilling;
import net.hosting.accounttransfer.transfer.TransferService;
import net.hosting.accounttransfer.transfer.web.OwnedAccounts.AccountRow;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import net.hosting.accounttransfer.web.CustomerPage;
import net.hosting.accounttransfer.web.Notices;
import net.hosting.accounttransfer.web.Refusals;

/**
 * Subscriptions ({@code /}, "Abonnements") and "Transfer to another user": choose accounts and recipients, read
 * the billing preview (B7), confirm. The preview asks {@link TransferService#check} about each chosen account, the
 * check the start itself makes, so errors show beside the field that caused them before the confirmation.
 */
@Controller
@CustomerPage
class AccountsPageController {

    private final OwnedAccounts owned;
    private final TransferService transfers;
    private final TransferBilling billing;
    private final BillingCalendar calendar;
    private final TransferProperties settings;

    AccountsPageController(OwnedAccounts owned, TransferService transfers, TransferBilling billing,
            BillingCalendar calendar, TransferProperties settings) {
        this.owned = owned;
        this.transfers = transfers;
        this.billing = billing;
        this.calendar = calendar;
        this.settings = settings;
    }

    /** One line of the preview: who is offered which account, and what accepting today would cost. */
    record PreviewLine(String account, String recipient, Subscription subscription, TransferBilling.Quote quote) {
    }

    @GetMapping("/")
    String accounts(@AuthenticationPrincipal SignedInProfile me, Model model) {
        model.addAttribute("accounts", owned.of(me.profileId()));
        return "accounts";
    }

    @GetMapping("/accounts/transfer")
    String choose(@AuthenticationPrincipal SignedInProfile me, @RequestParam(required = false) String account,
            Model model) {
        Map<String, AccountRow> rows = rows(me);
        return chooseForm(TransferForm.over(List.copyOf(rows.keySet()), account), rows, model);
    }

    @PostMapping("/accounts/transfer/preview")
    String preview(@AuthenticationPrincipal SignedInProfile me, @ModelAttribute("form") TransferForm form,
            BindingResult errors, Model model, HttpServletResponse response) {
        Map<String, AccountRow> rows = rows(me);
        form.alignWith(List.copyOf(rows.keySet()));
        validate(me, form, rows, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return chooseForm(form, rows, model);
        }
        List<PreviewLine> lines = form.selected().stream().map(choice -> {
            Subscription subscription = rows.get(choice.getAccount()).subscription();
            return new PreviewLine(choice.getAccount(), choice.email(), subscription,
                    billing.quote(subscription, form.getBillingMode(), calendar.today()));
        }).toList();
        model.addAttribute("lines", lines);
        model.addAttribute("today", calendar.today());
        model.addAttribute("expiresAt", transfers.expiryIfStartedNow());
        return "transfer-preview";
    }

    /** "Change" on the preview: back to the choices, as they were typed. */
    @PostMapping("/accounts/transfer/edit")
    String edit(@AuthenticationPrincipal SignedInProfile me, @ModelAttribute("form") TransferForm form, Model model) {
        Map<String, AccountRow> rows = rows(me);
        form.alignWith(List.copyOf(rows.keySet()));
        return chooseForm(form, rows, model);
    }

    @PostMapping("/accounts/transfer/confirm")
    String confirm(@AuthenticationPrincipal SignedInProfile me, @ModelAttribute("form") TransferForm form,
            BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, AccountRow> rows = rows(me);
        form.alignWith(List.copyOf(rows.keySet()));
        List<String> started = new ArrayList<>();
        // the same confirmation sent again (a double click, a reload) finds what its first sending started
        for (TransferForm.Choice choice : form.getChoices()) {
            if (choice.isSelected() && transfers.startedWith(me.profileId(), choice.getKey()).isPresent()) {
                started.add(choice.getAccount());
                choice.setSelected(false);
            }
        }
        if (started.isEmpty() || !form.selected().isEmpty()) {
            validate(me, form, rows, errors);
        }
        if (!errors.hasErrors()) {
            for (int i = 0; i < form.getChoices().size(); i++) {
                TransferForm.Choice choice = form.getChoices().get(i);
                if (choice.isSelected() && start(me, form, choice, i, errors, request)) {
                    started.add(choice.getAccount());
                    // started: no longer a choice, so sending the form again cannot offer it twice
                    choice.setSelected(false);
                }
            }
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("started", started);
            return chooseForm(form, rows(me), model);
        }
        Notices.notice(redirect, started.size() == 1 ? "transfers.startedOne" : "transfers.startedMany",
                String.join(", ", started));
        return "redirect:/transfers#sent";
    }

    private boolean start(SignedInProfile me, TransferForm form, TransferForm.Choice choice, int index,
            BindingResult errors, HttpServletRequest request) {
        try {
            transfers.start(me.profileId(), request(form, choice), choice.getKey(), me.actor(request));
            return true;
        } catch (RuleViolationException | ConflictException | NotFoundException | TooManyRequestsException e) {
            reject(errors, index, null, e);
            return false;
        }
    }

    /** Each chosen account through the service's own check, so the preview refuses exactly what the start would. */
    private void validate(SignedInProfile me, TransferForm form, Map<String, AccountRow> rows, BindingResult errors) {
        // the form's own questions, answered once for all the chosen accounts
        if (form.selected().isEmpty()) {
            errors.rejectValue("choices", "transfer.error.noneChosen");
        }
        for (int i = 0; i < form.getChoices().size(); i++) {
            TransferForm.Choice choice = form.getChoices().get(i);
            if (choice.isSelected()) {
                try {
                    transfers.check(me.profileId(), request(form, choice));
                } catch (RuleViolationException | ConflictException | NotFoundException e) {
                    reject(errors, i, rows.get(choice.getAccount()), e);
                }
            }
        }
    }

    private static TransferService.StartRequest request(TransferForm form, TransferForm.Choice choice) {
        return new TransferService.StartRequest(choice.getAccount(), choice.email(), form.getBillingMode());
    }

    /** What the service refused about one chosen account, beside the field it is about. */
    private void reject(BindingResult errors, int index, AccountRow row, RuntimeException refusal) {
        String path = "choices[" + index + "].";
        if (refusal instanceof RuleViolationException rule) {
            for (RuleViolationException.Violation violation : rule.violations()) {
                if (!"billingMode".equals(violation.field())) {
                    Refusals.reject(errors, path + ("recipientEmail".equals(violation.field()) ? "recipientEmail"
                            : "selected"), violation);
                } else if (!errors.hasFieldErrors("billingMode")) {
                    // one form field for all the chosen accounts, so said once
                    Refusals.reject(errors, "billingMode", violation);
                }
            }
        } else if (refusal instanceof ConflictException) {
            if (row != null && row.pending() != null) {
                errors.rejectValue(path + "selected", "transfer.error.pending",
                        new Object[] {row.pending().recipientEmail()}, null);
            } else {
                errors.rejectValue(path + "selected", "transfer.error.pendingNow");
            }
        } else if (refusal instanceof NotFoundException) {
            errors.rejectValue(path + "selected", "transfer.error.notYours");
        } else if (refusal instanceof TooManyRequestsException tooMany) {
            errors.rejectValue(path + "selected", "transfer.error.tooMany",
                    new Object[] {settings.maxOffersPerDay(), (tooMany.retryAfterSeconds() + 59) / 60}, null);
        }
    }

    private String chooseForm(TransferForm form, Map<String, AccountRow> rows, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("rows", rows);
        return "transfer-choose";
    }

    /** The profile's accounts by name, in name order, each with its subscription and pending transfer. */
    private Map<String, AccountRow> rows(SignedInProfile me) {
        Map<String, AccountRow> rows = new LinkedHashMap<>();
        owned.of(me.profileId()).forEach(row -> rows.put(row.name(), row));
        return rows;
    }
}
