package net.hosting.accounttransfer.transfer.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.SignedInProfile;
import net.hosting.accounttransfer.transfer.Transfer;
import org.springframework.context.i18n.LocaleContextHolder;
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
import net.hosting.accounttransfer.profile.web.SessionSignIn;
import net.hosting.accounttransfer.web.CustomerPage;
import net.hosting.accounttransfer.web.Notices;
import net.hosting.accounttransfer.web.Refusals;

/**
 * {@code /signup?transfer={id}&token=...}: a recipient without a profile creates one from the emailed link, which
 * proves the email (T8), and lands signed in on the transfer. Only while the link is valid and the transfer
 * pending, and only for an email no profile uses yet.
 */
@Controller
@CustomerPage
class SignUpController {

    private final MailedLinks links;
    private final ProfileService profiles;
    private final SessionSignIn signIn;

    SignUpController(MailedLinks links, ProfileService profiles, SessionSignIn signIn) {
        this.links = links;
        this.profiles = profiles;
        this.signIn = signIn;
    }

    @GetMapping("/signup")
    String form(@RequestParam(name = "transfer", required = false) String transferId,
            @RequestParam(required = false) String token, @AuthenticationPrincipal SignedInProfile me, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<Transfer> transfer = links.pendingOffer(uuid(transferId), token, request);
        if (transfer.isEmpty()) {
            return invalidLink(transferId, model, response);
        }
        String next = elsewhere(transfer.get(), token, me);
        if (next != null) {
            return next;
        }
        SignUpForm form = new SignUpForm();
        form.setTransfer(transferId);
        form.setToken(token);
        form.setLocale(LocaleContextHolder.getLocale().getLanguage());
        form.setCountry("FR");
        return page(form, transfer.get(), model);
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpForm form, BindingResult errors,
            @AuthenticationPrincipal SignedInProfile me, Model model, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        Optional<Transfer> offer = links.pendingOffer(uuid(form.getTransfer()), form.getToken(), request);
        if (offer.isEmpty()) {
            return invalidLink(form.getTransfer(), model, response);
        }
        Transfer transfer = offer.get();
        String next = elsewhere(transfer, form.getToken(), me);
        if (next != null) {
            return next;
        }
        // the form's own question; the service answers every other, also when this one failed
        if (!Objects.equals(form.getPassword(), form.getPasswordConfirmation())) {
            errors.rejectValue("passwordConfirmation", "form.error.passwordMismatch");
        }
        ProfileService.Registration registration = new ProfileService.Registration(transfer.recipientEmail(),
                form.getPassword(), form.getName(), form.getCompany(), form.getAddress(), form.getCountry(),
                form.getVatNumber(), form.getLocale());
        try {
            if (errors.hasErrors()) {
                profiles.check(registration);
            } else {
                profiles.register(registration, new Actor(transfer.recipientEmail(), request.getRemoteAddr()));
            }
        } catch (RuleViolationException e) {
            Refusals.reject(errors, e, "name", "password", "name", "company", "address", "country", "vatNumber",
                    "locale");
        } catch (ConflictException e) {
            // someone created the profile meanwhile, maybe in another tab: signing in is the way now
            return "redirect:/transfers/" + transfer.id() + "?token=" + form.getToken();
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(form, transfer, model);
        }
        signIn.signIn(transfer.recipientEmail(), form.getPassword(), request, response);
        Notices.notice(redirect, "signup.welcome", transfer.recipientEmail());
        return "redirect:/transfers/" + transfer.id();
    }

    /** Where to go instead of signing up: the transfer, for someone signed in or whose email has a profile. */
    private String elsewhere(Transfer transfer, String token, SignedInProfile me) {
        if (me != null) {
            return "redirect:/transfers/" + transfer.id();
        }
        if (profiles.findByEmail(transfer.recipientEmail()).isPresent()) {
            return "redirect:/transfers/" + transfer.id() + "?token=" + token;
        }
        return null;
    }

    private String page(SignUpForm form, Transfer transfer, Model model) {
        // passwords are never sent back into a page
        form.setPassword(null);
        form.setPasswordConfirmation(null);
        model.addAttribute("form", form);
        model.addAttribute("email", transfer.recipientEmail());
        model.addAttribute("account", transfer.accountName());
        model.addAttribute("transferId", transfer.id());
        return "signup";
    }

    private static String invalidLink(String transferId, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("transferId", uuid(transferId));
        model.addAttribute("party", false);
        return "link-invalid";
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
