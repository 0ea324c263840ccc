package net.hosting.accounttransfer.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.TooManyRequestsException;
import net.hosting.accounttransfer.transfer.TransferProperties;
import net.hosting.accounttransfer.profile.EmailAddress;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferBilling;
import net.hosting.accounttransfer.transfer.TransferService;
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

/**
 * Subscriptions ({@code /}, "Abonnements") and "Transfer to another user": choose accounts and recipients, read
 * the billing preview (B7), confirm. Each step re-checks what the service would refuse, so errors show beside
 * the field that caused them instead of after the confirmation.
 */
@Controller
@CustomerPage
class AccountsPageController {

    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final TransferService transfers;
    private final TransferBilling billing;
    private final BillingCalendar calendar;
    private final ProfileService profiles;
    private final TransferProperties settings;

    AccountsPageController(AccountRepository accounts, SubscriptionRepository subscriptions,
            TransferService transfers, TransferBilling billing, BillingCalendar calendar, ProfileService profiles,
            TransferProperties settings) {
        this.settings = settings;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.transfers = transfers;
        this.billing = billing;
        this.calendar = calendar;
        this.profiles = profiles;
    }

    /** An owned account with its active subscription (null when closed) and its pending transfer (or null). */
    record AccountRow(String name, Subscription subscription, Transfer pending) {

        public boolean transferable() {
            return subscription != null && pending == null;
        }
    }

    /** One line of the preview: who is offered which account, and what accepting today would cost. */
    record PreviewLine(String account, String recipient, Subscription subscription, TransferBilling.Quote quote) {
    }

    @GetMapping("/")
    String accounts(@AuthenticationPrincipal SignedInProfile me, Model model) {
        model.addAttribute("accounts", rows(me).values());
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
        model.addAttribute("expiresAt", calendar.now().plus(settings.expiry()));
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
            Transfer pending = rows.get(choice.getAccount()).pending();
            if (choice.isSelected() && pending != null && choice.getKey().equals(pending.idempotencyKey())) {
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
        String row = "choices[" + index + "].";
        try {
            transfers.start(me.profileId(), new TransferService.StartRequest(choice.getAccount(), choice.email(),
                    form.getBillingMode()), choice.getKey(), me.actor(request));
            return true;
        } catch (ConflictException e) {
            errors.rejectValue(row + "selected", "transfer.error.pendingNow");
        } catch (RuleViolationException e) {
            if ("recipientEmail".equals(e.field())) {
                errors.rejectValue(row + "recipientEmail", "transfer.error.emailRefused", new Object[] {e.getMessage()},
                        null);
            } else {
                errors.rejectValue(row + "selected", "transfer.error.notActive");
            }
        } catch (NotFoundException e) {
            errors.rejectValue(row + "selected", "transfer.error.notYours");
        } catch (TooManyRequestsException e) {
            errors.rejectValue(row + "selected", "transfer.error.tooMany",
                    new Object[] {settings.maxOffersPerDay(), (e.retryAfterSeconds() + 59) / 60}, null);
        }
        return false;
    }

    private void validate(SignedInProfile me, TransferForm form, Map<String, AccountRow> rows, BindingResult errors) {
        Profile profile = profiles.get(me.profileId());
        if (form.selected().isEmpty()) {
            errors.rejectValue("choices", "transfer.error.noneChosen");
        }
        for (int i = 0; i < form.getChoices().size(); i++) {
            TransferForm.Choice choice = form.getChoices().get(i);
            if (!choice.isSelected()) {
                continue;
            }
            String row = "choices[" + i + "].";
            AccountRow account = rows.get(choice.getAccount());
            if (account.subscription() == null) {
                errors.rejectValue(row + "selected", "transfer.error.notActive");
            } else if (account.pending() != null) {
                errors.rejectValue(row + "selected", "transfer.error.pending",
                        new Object[] {account.pending().recipientEmail()}, null);
            }
            String email = choice.email();
            if (email.isEmpty()) {
                errors.rejectValue(row + "recipientEmail", "transfer.error.emailRequired");
            } else if (!EmailAddress.isValid(email)) {
                errors.rejectValue(row + "recipientEmail", "transfer.error.emailInvalid", new Object[] {email}, null);
            } else if (profile.hasEmail(email)) {
                errors.rejectValue(row + "recipientEmail", "transfer.error.ownEmail");
            }
        }
        if (form.getBillingMode() == null && !errors.hasFieldErrors("billingMode")) {
            errors.rejectValue("billingMode", "transfer.error.modeRequired");
        }
    }

    private String chooseForm(TransferForm form, Map<String, AccountRow> rows, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("rows", rows);
        return "transfer-choose";
    }

    /** The profile's accounts by name, in name order, each with its subscription and pending transfer. */
    private Map<String, AccountRow> rows(SignedInProfile me) {
        List<Account> owned = accounts.findByOwner(me.profileId());
        List<Long> ids = owned.stream().map(Account::id).toList();
        Map<Long, Subscription> active = ids.isEmpty() ? Map.of() : subscriptions.findActiveByAccounts(ids).stream()
                .collect(Collectors.toMap(Subscription::accountId, Function.identity()));
        Map<Long, Transfer> pending = transfers.pendingFor(ids).stream()
                .collect(Collectors.toMap(Transfer::accountId, Function.identity()));
        Map<String, AccountRow> rows = new LinkedHashMap<>();
        owned.forEach(account -> rows.put(account.name(),
                new AccountRow(account.name(), active.get(account.id()), pending.get(account.id()))));
        return rows;
    }
}
