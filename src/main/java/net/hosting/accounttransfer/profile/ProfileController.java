package net.hosting.accounttransfer.profile;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import net.hosting.accounttransfer.history.Actor;
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

    record ProfileView(Long id, String email, String name, String company, String address, String locale,
            String currency, Instant createdAt) {

        static ProfileView of(Profile profile) {
            return new ProfileView(profile.id(), profile.email(), profile.name(), profile.company(), profile.address(),
                    profile.locale().tag(), profile.currency().getCurrencyCode(), profile.createdAt());
        }
    }

    @GetMapping
    ProfileView get(@AuthenticationPrincipal SignedInProfile me) {
        return ProfileView.of(profiles.get(me.profileId()));
    }

    @PatchMapping
    ProfileView change(@AuthenticationPrincipal SignedInProfile me, @RequestBody ProfileService.Change change,
            HttpServletRequest request) {
        return ProfileView.of(profiles.change(me.profileId(), change, new Actor(me.getUsername(), request.getRemoteAddr())));
    }
}
