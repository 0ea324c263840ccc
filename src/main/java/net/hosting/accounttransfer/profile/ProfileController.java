package net.hosting.accounttransfer.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Profile", description = "The signed-in customer's name, address, tax identity, language, email and password")
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** {@code email} is the verified one, used for everything; {@code pendingEmail} waits for its link (S1). */
    record ProfileView(Long id, String email,
            @Schema(nullable = true, description = "A new email waiting for its confirmation link; null when none")
            String pendingEmail,
            String name, @Schema(nullable = true) String company, String address,
            @Schema(description = "ISO 3166 code", example = "FR") String country,
            @Schema(nullable = true, example = "FR11123456782") String vatNumber,
            @Schema(allowableValues = {"en", "fr"}) String locale,
            @Schema(description = "ISO 4217 code", example = "EUR") String currency, Instant createdAt) {
    }

    @GetMapping
    @Operation(summary = "The signed-in customer's profile")
    ProfileView get(@AuthenticationPrincipal SignedInProfile me) {
        return view(profiles.get(me.profileId()));
    }

    /**
     * 200 with the changed profile; 202 when a new email was asked for, which changes nothing yet but mails a
     * confirmation link. The 202 reads the same whether or not another profile holds the address (T2, S1).
     */
    @PatchMapping
    @Operation(summary = "Change some fields of the profile; a field left out stays as it is",
            description = "A new email or password needs currentPassword; a new email is only used once confirmed.")
    @ApiResponse(responseCode = "200", description = "The changed profile",
            content = @Content(schema = @Schema(implementation = ProfileView.class)))
    @ApiResponse(responseCode = "202", description = "A new email was asked for: a confirmation link was mailed to it, "
            + "and nothing changed yet", content = @Content(schema = @Schema(implementation = ProfileView.class)))
    ResponseEntity<ProfileView> change(@AuthenticationPrincipal SignedInProfile me,
            @RequestBody ChangeBody body, HttpServletRequest request) {
        ProfileService.Changed changed = profiles.change(me.profileId(), body.change(), me.actor(request));
        return ResponseEntity.status(changed.awaitsEmailConfirmation() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(view(changed.profile()));
    }

    /**
     * The body of a PATCH: an absent field is left as it is, and {@code "vatNumber": null} removes the number, so the
     * setter tells the two apart (a record's creator cannot).
     */
    static final class ChangeBody {

        private String email;
        private String password;
        private String currentPassword;
        private String name;
        private String company;
        private String address;
        private String locale;
        private String country;
        private String vatNumber;
        private boolean vatNumberSent;

        ProfileService.Change change() {
            String number = vatNumberSent && vatNumber == null ? "" : vatNumber;
            return new ProfileService.Change(email, password, currentPassword, name, company, address, locale, country,
                    number);
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Schema(description = "Needed to change the email or the password")
        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword;
        }

        public void setName(String name) {
            this.name = name;
        }

        public void setCompany(String company) {
            this.company = company;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public void setLocale(String locale) {
            this.locale = locale;
        }

        public void setCountry(String country) {
            this.country = country;
        }

        @Schema(nullable = true, description = "null removes the number")
        public void setVatNumber(String vatNumber) {
            this.vatNumber = vatNumber;
            this.vatNumberSent = true;
        }
    }

    private ProfileView view(Profile profile) {
        String pending = profiles.pendingEmailChange(profile.id()).map(PendingEmailChange::newEmail).orElse(null);
        return new ProfileView(profile.id(), profile.email(), pending, profile.name(), profile.company(),
                profile.address(), profile.country(), profile.vatNumber(), profile.locale().tag(), profile.currency().getCurrencyCode(), profile.createdAt());
    }
}
