package net.hosting.accounttransfer.profile.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.profile.ApiTokens;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRefusal;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.http.HttpStatus;
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
import net.hosting.accounttransfer.web.Refusals;

/**
 * {@code /profile} ("Profil"): a change of the profile's own data, not a transfer (seed, first part). The
 * history stays; invoices issued from now on carry the new data, earlier ones keep theirs. It also lists,
 * creates and revokes the profile's API tokens, since a page session is, with the password, what may manage them.
 */
@Controller
@CustomerPage
class ProfilePageController {

    private final ProfileService profiles;
    private final SessionSignIn signIn;
    private final ApiTokens tokens;

    ProfilePageController(ProfileService profiles, SessionSignIn signIn, ApiTokens tokens) {
        this.profiles = profiles;
        this.signIn = signIn;
        this.tokens = tokens;
    }

    @GetMapping("/profile")
    String show(@AuthenticationPrincipal SignedInProfile me, Model model) {
        model.addAttribute("details", ProfileForms.Details.of(profiles.get(me.profileId())));
        model.addAttribute("passwordForm", new ProfileForms.Password());
        return page(me, model);
    }

    /** A new API token; its secret is shown on the next page, this once, and never again. */
    @PostMapping("/profile/tokens")
    String createToken(@AuthenticationPrincipal SignedInProfile me, @ModelAttribute("tokenForm") ProfileForms.Token form,
            BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        ApiTokens.Issued issued;
        try {
            issued = tokens.issue(me.profileId(), form.getName(), me.actor(request));
        } catch (RuleViolationException e) {
            Refusals.reject(errors, e, "name", "name");
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("details", ProfileForms.Details.of(profiles.get(me.profileId())));
            model.addAttribute("passwordForm", new ProfileForms.Password());
            return page(me, model);
        }
        redirect.addFlashAttribute("newToken", issued.secret());
        redirect.addFlashAttribute("newTokenName", issued.token().name());
        return "redirect:/profile#tokens-title";
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal SignedInProfile me, @PathVariable Long id, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            tokens.revoke(me.profileId(), id, me.actor(request));
            Notices.notice(redirect, "profile.token.revoked");
        } catch (NotFoundException e) {
            Notices.problem(redirect, "profile.token.error.notFound");
        }
        return "redirect:/profile#tokens-title";
    }

    @PostMapping("/profile")
    String change(@AuthenticationPrincipal SignedInProfile me, @ModelAttribute("details") ProfileForms.Details form,
            BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        ProfileService.Changed changed = null;
        try {
            // every field of the form is sent, an empty one as empty, so the service judges each
            changed = profiles.change(me.profileId(), new ProfileService.Change(nullToEmpty(form.getEmail()), null,
                    form.getCurrentPassword(), nullToEmpty(form.getName()), nullToEmpty(form.getCompany()),
                    nullToEmpty(form.getAddress()), nullToEmpty(form.getLocale()), form.getCountry(),
                    nullToEmpty(form.getVatNumber())), me.actor(request));
        } catch (ConflictException e) {
            errors.rejectValue("email", "profile.error.emailTaken");
        } catch (RuleViolationException e) {
            Refusals.reject(errors, e, "email", "email", "currentPassword", "name", "company", "address", "country",
                    "vatNumber", "locale");
        }
        // a password is never sent back into a page
        form.setCurrentPassword(null);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("passwordForm", new ProfileForms.Password());
            return page(me, model);
        }
        // the session's principal carries the sign-in email, which a change of capitals may just have changed
        signIn.refresh(changed.profile().email(), request, response);
        if (changed.awaitsEmailConfirmation()) {
            // the same notice whether or not another profile holds the address (S1)
            Notices.notice(redirect, "profile.emailConfirmationSent", changed.emailToConfirm(),
                    changed.profile().email());
        } else {
            Notices.notice(redirect, "profile.saved");
        }
        return "redirect:/profile";
    }

    /** The link mailed to a new address (S1): it changes the email of the signed-in profile it was made for. */
    @GetMapping("/profile/email/confirm")
    String confirmEmail(@AuthenticationPrincipal SignedInProfile me,
            @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        ProfileService.Confirmation outcome;
        try {
            outcome = profiles.confirmEmail(me.profileId(), token, me.actor(request));
        } catch (ConflictException e) {
            // another profile took the address at this very moment
            outcome = ProfileService.Confirmation.TAKEN;
        }
        Profile profile = profiles.get(me.profileId());
        switch (outcome) {
            case CONFIRMED -> {
                signIn.refresh(profile.email(), request, response);
                Notices.notice(redirect, "profile.emailConfirmed", profile.email());
            }
            case TAKEN -> Notices.problem(redirect, "profile.emailLinkTaken", profile.email());
            case INVALID -> Notices.problem(redirect, "profile.emailLinkInvalid", profile.email());
        }
        return "redirect:/profile";
    }

    @PostMapping("/profile/password")
    String changePassword(@AuthenticationPrincipal SignedInProfile me,
            @ModelAttribute("passwordForm") ProfileForms.Password form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        // the form's own question; the service answers every other, also when this one failed
        if (!Objects.equals(form.getNewPassword(), form.getConfirmation())) {
            errors.rejectValue("confirmation", "form.error.passwordMismatch");
        }
        boolean typedCurrent = form.getCurrentPassword() != null && !form.getCurrentPassword().isEmpty();
        // an empty field is no guess at the password (S8), just a missing one
        ProfileService.Change change = new ProfileService.Change(null, nullToEmpty(form.getNewPassword()),
                typedCurrent ? form.getCurrentPassword() : null, null, null, null, null);
        ProfileService.Changed changed = null;
        try {
            if (errors.hasErrors()) {
                profiles.check(me.profileId(), change);
            } else {
                // this page's own session stays signed in; every other one ends (S10)
                changed = profiles.change(me.profileId(), change, me.actor(request), request.getSession().getId());
            }
        } catch (RuleViolationException e) {
            for (RuleViolationException.Violation violation : e.violations()) {
                if (violation.reason() == ProfileRefusal.CURRENT_PASSWORD_WRONG) {
                    errors.rejectValue("currentPassword", typedCurrent ? "profile.error.currentPasswordWrong"
                            : "profile.error.currentPasswordRequired");
                } else {
                    Refusals.reject(errors, "newPassword", violation);
                }
            }
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            form.setCurrentPassword(null);
            form.setNewPassword(null);
            form.setConfirmation(null);
            model.addAttribute("details", ProfileForms.Details.of(profiles.get(me.profileId())));
            return page(me, model);
        }
        signIn.refresh(changed.profile().email(), request, response);
        Notices.notice(redirect, "profile.passwordChanged");
        return "redirect:/profile";
    }

    /** The profile page, which also says which new email waits for its link. */
    private String page(SignedInProfile me, Model model) {
        model.addAttribute("pendingEmail", profiles.pendingEmailChange(me.profileId()).orElse(null));
        model.addAttribute("apiTokens", tokens.list(me.profileId()));
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", new ProfileForms.Token());
        }
        return "profile";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
