package net.hosting.accounttransfer.profile.web;

import net.hosting.accounttransfer.profile.SignedInProfile;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import net.hosting.accounttransfer.web.CustomerPage;

/** {@code /login}: the sign-in form; Spring Security checks what it posts and signs out on {@code POST /logout}. */
@Controller
@CustomerPage
class SignInController {

    @GetMapping("/login")
    String form(@AuthenticationPrincipal SignedInProfile me, @RequestParam(required = false) String error,
            @RequestParam(required = false) String signedOut, Model model) {
        if (me != null) {
            return "redirect:/";
        }
        // flags, not request parameters, reach the template: Thymeleaf keeps parameters out of attribute values
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        return "login";
    }
}
