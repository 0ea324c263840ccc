package net.hosting.accounttransfer.profile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.history.ActivityLog;
import net.hosting.accounttransfer.history.Actor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates profiles and changes them (seed, first part): the history stays, later invoices follow the new data. */
@Service
public class ProfileService {

    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_BYTES = 72;
    // the widths of the profile columns, checked here so that a long value is a 422 and not a failed update
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_ADDRESS_LENGTH = 500;

    private final ProfileRepository profiles;
    private final PasswordEncoder passwords;
    private final ActivityLog activity;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, PasswordEncoder passwords, ActivityLog activity, Clock clock) {
        this.profiles = profiles;
        this.passwords = passwords;
        this.activity = activity;
        this.clock = clock;
    }

    /** What a profile change asks for; a null field is left as it is. */
    public record Change(String email, String password, String currentPassword, String name, String company,
            String address, String locale) {
    }

    @Transactional(readOnly = true)
    public Profile get(Long id) {
        return profiles.findById(id).orElseThrow(() -> new NotFoundException("No such profile."));
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Profile> findByEmail(String email) {
        return profiles.findByEmail(email);
    }

    /** Opens a profile for a customer who signs up, e.g. from an emailed transfer link. */
    @Transactional
    public Profile register(String email, String rawPassword, String name, String company, String address,
            Profile.Locale locale, Actor actor) {
        if (!EmailAddress.isValid(email)) {
            throw new RuleViolationException("email", "'" + email + "' is not a valid email address.");
        }
        if (profiles.existsByEmail(email)) {
            throw new ConflictException("A profile already uses " + email.strip() + ".");
        }
        requireStrongEnough(rawPassword);
        if (name == null || name.isBlank()) {
            throw new RuleViolationException("name", "A name is required.");
        }
        requireFits("name", name, MAX_NAME_LENGTH);
        requireFits("company", company, MAX_NAME_LENGTH);
        requireFits("address", address, MAX_ADDRESS_LENGTH);
        Profile profile = saveUnique(new Profile(email, passwords.encode(rawPassword), name, company, address, locale,
                clock.instant()));
        activity.record(profile.id(), actor, "PROFILE_CREATED", null);
        return profile;
    }

    /**
     * Applies a profile change, all of it or none, and logs each changed field in the profile's own activity
     * log. Documents already issued keep the identity they were issued with; later ones take the new one (B8).
     */
    @Transactional
    public Profile change(Long profileId, Change change, Actor actor) {
        Profile profile = get(profileId);
        List<String> changed = new ArrayList<>();
        if (change.email() != null && !profile.email().equals(change.email().strip())) {
            if (!EmailAddress.isValid(change.email())) {
                throw new RuleViolationException("email", "'" + change.email() + "' is not a valid email address.");
            }
            profiles.findByEmail(change.email()).filter(other -> !other.id().equals(profileId)).ifPresent(other -> {
                throw new ConflictException("Another profile already uses " + change.email().strip() + ".");
            });
            String before = profile.email();
            profile.changeEmail(EmailAddress.of(change.email()));
            changed.add("email: " + before + " → " + profile.email());
        }
        if (change.password() != null) {
            if (change.currentPassword() == null || !passwords.matches(change.currentPassword(), profile.passwordHash())) {
                throw new RuleViolationException("currentPassword", "The current password is needed to set a new one, and it does not match.");
            }
            requireStrongEnough(change.password());
            profile.changePasswordHash(passwords.encode(change.password()));
            // never the password itself, not even hashed
            changed.add("password");
        }
        if (change.name() != null && !change.name().strip().equals(profile.name())) {
            if (change.name().isBlank()) {
                throw new RuleViolationException("name", "The name cannot be blank.");
            }
            requireFits("name", change.name(), MAX_NAME_LENGTH);
            String before = profile.name();
            profile.changeName(change.name());
            changed.add("name: " + before + " → " + profile.name());
        }
        if (change.company() != null && !change.company().strip().equals(nullToEmpty(profile.company()))) {
            requireFits("company", change.company(), MAX_NAME_LENGTH);
            String before = nullToEmpty(profile.company());
            profile.changeCompany(change.company());
            changed.add("company: " + before + " → " + nullToEmpty(profile.company()));
        }
        if (change.address() != null && !change.address().strip().equals(profile.address())) {
            requireFits("address", change.address(), MAX_ADDRESS_LENGTH);
            String before = profile.address();
            profile.changeAddress(change.address());
            changed.add("address: " + before + " → " + profile.address());
        }
        if (change.locale() != null) {
            Profile.Locale locale;
            try {
                locale = Profile.Locale.of(change.locale());
            } catch (IllegalArgumentException e) {
                throw new RuleViolationException("locale", "The language must be fr or en.");
            }
            if (locale != profile.locale()) {
                String before = profile.locale().tag();
                profile.changeLocale(locale);
                changed.add("locale: " + before + " → " + locale.tag());
            }
        }
        Profile saved = saveUnique(profile);
        for (String field : changed) {
            activity.record(profileId, actor, "PROFILE_CHANGED", field);
        }
        return saved;
    }

    /** Flushed here, so that a concurrent profile taking the same email is a 409 now rather than a failed commit later. */
    private Profile saveUnique(Profile profile) {
        try {
            return profiles.saveAndFlush(profile);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("Another profile already uses " + profile.email() + ".");
        }
    }

    private static void requireFits(String field, String value, int maxLength) {
        if (value != null && value.strip().length() > maxLength) {
            throw new RuleViolationException(field, "The " + field + " can have at most " + maxLength + " characters.");
        }
    }

    private static void requireStrongEnough(String rawPassword) {
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new RuleViolationException("password",
                    "The password must have at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        // BCrypt reads only 72 bytes and Spring Security refuses more rather than silently ignoring the rest
        if (rawPassword.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new RuleViolationException("password",
                    "The password can have at most " + MAX_PASSWORD_BYTES + " bytes (fewer characters with accents).");
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
