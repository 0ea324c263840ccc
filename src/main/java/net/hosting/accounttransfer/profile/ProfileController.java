package net.hosting.accounttransfer.profile;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/profile}: the signed-in customer's own profile. */
@RestController
@RequestMapping("/api/profile")
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** {@code email} is the verified one, used for everything; {@code pendingEmail} waits for its link (S1). */
    record ProfileView(Long id, String email, String pendingEmail, String name, String company, String address,
            String country, String vatNumber, String locale, String currency, Instant createdAt) {
    }

    @GetMapping
    ProfileView get(@AuthenticationPrincipal SignedInProfile me) {
        return view(profiles.get(me.profileId()));
    }

    /**
     * 200 with the changed profile; 202 when a new email was asked for, which changes nothing yet but mails a
     * confirmation link. The 202 reads the same whether or not another profile holds the address (T2, S1).
     */
    @PatchMapping
    ResponseEntity<ProfileView> change(@AuthenticationPrincipal SignedInProfile me,
            @RequestBody ProfileService.Change body, HttpServletRequest request) {
        ProfileService.Changed changed = profiles.change(me.profileId(), body, me.actor(request));
        return ResponseEntity.status(changed.awaitsEmailConfirmation() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(view(changed.profile()));
    }

    private ProfileView view(Profile profile) {
        String pending = profiles.pendingEmailChange(profile.id()).map(PendingEmailChange::newEmail).orElse(null);
        return new ProfileView(profile.id(), profile.email(), pending, profile.name(), profile.company(),
                profile.address(), profile.country(), profile.vatNumber(), profile.locale().tag(), profile.currency().getCurrencyCode(), profile.createdAt());
    }
}
