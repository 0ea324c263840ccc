package net.hosting.accounttransfer.profile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.InputRefusal;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.infrastructure.SecretToken;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.common.TooManyRequestsException;
import net.hosting.accounttransfer.common.Violations;
import net.hosting.accounttransfer.history.ActivityAction;
import net.hosting.accounttransfer.history.ActivityFacts;
import net.hosting.accounttransfer.history.ActivityLog;
import net.hosting.accounttransfer.history.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates profiles and changes them (seed, first part): the history stays, later invoices follow the new data. */
@Service
public class ProfileService {

    /** How long the link confirming a new email works (S1). */
    static final Duration EMAIL_CONFIRMATION_VALIDITY = Duration.ofHours(24);
    /** S9: email changes a profile may ask for in any 24 hours, so that nobody mails strangers in bulk. */
    static final int MAX_EMAIL_CHANGES_PER_DAY = 5;
    static final Duration EMAIL_CHANGE_WINDOW = Duration.ofHours(24);

    private final ProfileRepository profiles;
    private final PendingEmailChangeRepository emailChanges;
    private final PasswordEncoder passwords;
    private final ActivityLog activity;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, PendingEmailChangeRepository emailChanges, PasswordEncoder passwords,
            ActivityLog activity, ApplicationEventPublisher events, Clock clock) {
        this.profiles = profiles;
        this.emailChanges = emailChanges;
        this.passwords = passwords;
        this.activity = activity;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a profile change asks for; a null field is left as it is, and an empty {@code vatNumber} removes the
     * number, as an empty {@code company} removes the company.
     */
    public record Change(String email, String password, String currentPassword, String name, String company,
            String address, String locale, String country, String vatNumber) {

        /** A change of none of the tax fields. */
        public Change(String email, String password, String currentPassword, String name, String company,
                String address, String locale) {
            this(email, password, currentPassword, name, company, address, locale, null, null);
        }
    }

    /**
     * {@link #change(Long, Change, Actor)} from a page, whose own session stays signed in when the password
     * changes; every other session of the profile ends (S10).
     */
    @Transactional
    public Changed change(Long profileId, Change change, Actor actor, String ownSessionId) {
        return apply(profileId, change, actor, ownSessionId);
    }

    /**
     * The profile after a change, and the new email that now waits for its confirmation link, if one was asked
     * for. The same whether or not another profile holds that address, so that nobody learns which emails exist.
     */
    public record Changed(Profile profile, String emailToConfirm) {

        public boolean awaitsEmailConfirmation() {
            return emailToConfirm != null;
        }
    }

    /** What opening an email confirmation link did. */
    public enum Confirmation {
        /** The profile now signs in, and is offered transfers, with the new email. */
        CONFIRMED,
        /** Unknown, used, expired, or another profile's link: nothing changed. */
        INVALID,
        /** Another profile took the address after the link was mailed: nothing changed. */
        TAKEN
    }

    @Transactional(readOnly = true)
    public Profile get(Long id) {
        return profiles.findById(id).orElseThrow(() -> new NotFoundException("No such profile."));
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Profile> findByEmail(String email) {
        return profiles.findByEmail(email);
    }

    /** Opens a profile in France, without a VAT number. */
    @Transactional
    public Profile register(String email, String rawPassword, String name, String company, String address,
            Profile.Language locale, Actor actor) {
        return register(email, rawPassword, name, company, address, "FR", null, locale, actor);
    }

    /**
     * Opens a profile for a customer who signs up, e.g. from an emailed transfer link.
     *
     * @param vatNumber null or blank for none; else checked against {@code country} (V3)
     */
    @Transactional
    public Profile register(String email, String rawPassword, String name, String company, String address,
            String country, String vatNumber, Profile.Language locale, Actor actor) {
        return register(new Registration(email, rawPassword, name, company, address, country, vatNumber,
                locale == null ? null : locale.tag()), actor);
    }

    /**
     * What a customer signing up types.
     *
     * @param vatNumber null or blank for none; else checked against {@code country} (V3)
     * @param locale {@code fr} or {@code en}
     */
    public record Registration(String email, String password, String name, String company, String address,
            String country, String vatNumber, String locale) {
    }

    /** Opens a profile, or refuses it with every rule the registration breaks. */
    @Transactional
    public Profile register(Registration registration, Actor actor) {
        CheckedRegistration checked = validate(registration);
        Profile profile = saveUnique(new Profile(registration.email(), passwords.encode(registration.password()),
                registration.name(), registration.company(), registration.address(), checked.country(),
                checked.vatNumber(), checked.locale(), clock.instant()));
        activity.record(profile.id(), actor, ActivityAction.PROFILE_CREATED, ActivityFacts.NONE);
        return profile;
    }

    /**
     * What {@link #register(Registration, Actor)} would refuse, every rule at once, storing nothing: for a sign-up
     * page whose own question (the password typed twice) already failed, so that it shows the rest too.
     */
    @Transactional(readOnly = true)
    public void check(Registration registration) {
        validate(registration);
    }

    private record CheckedRegistration(String country, VatNumber vatNumber, Profile.Language locale) {
    }

    private CheckedRegistration validate(Registration registration) {
        Violations violations = new Violations();
        EmailAddress email = violations.parse(() -> EmailAddress.parse("email", registration.email()));
        if (email != null && profiles.existsByEmail(registration.email())) {
            throw new ConflictException("A profile already uses " + registration.email().strip() + ".");
        }
        violations.check(() -> requireStrongEnough(registration.password()));
        if (registration.name() == null || registration.name().isBlank()) {
            violations.add(InputRefusal.REQUIRED, "name", "A name is required.");
        } else {
            violations.check(() -> requireFits("name", registration.name(), Profile.MAX_NAME_LENGTH));
        }
        violations.check(() -> requireFits("company", registration.company(), Profile.MAX_NAME_LENGTH));
        violations.check(() -> requireFits("address", registration.address(), Profile.MAX_ADDRESS_LENGTH));
        String country = violations.parse(() -> country(registration.country()));
        VatNumber vatNumber = country == null ? null
                : violations.parse(() -> vatNumber(registration.vatNumber(), country));
        Profile.Language locale = violations.parse(() -> language(registration.locale()));
        violations.throwIfAny();
        return new CheckedRegistration(country, vatNumber, locale);
    }

    /**
     * Applies a profile change, all of it or none, and logs each changed field in the profile's own activity
     * log. Documents already issued keep the identity they were issued with; later ones take the new one (B8).
     * A new email is only asked for here: it needs the current password and takes effect when the link mailed
     * to it is opened (S1), see {@link #confirmEmail}.
     */
    @Transactional
    public Changed change(Long profileId, Change change, Actor actor) {
        return apply(profileId, change, actor, null);
    }

    /**
     * What {@link #change(Long, Change, Actor)} would refuse, every rule at once, changing nothing: for a page whose
     * own question (the new password typed twice) already failed. A wrong current password counts as a guess (S8).
     */
    @Transactional
    public void check(Long profileId, Change change) {
        validate(get(profileId), change);
    }

    /** A change whose every value keeps its rule; null where the profile keeps what it has. */
    private record CheckedChange(EmailAddress email, String password, String country, VatNumber vatNumber,
            boolean taxIdentity, Profile.Language locale) {
    }

    /** Every rule the change breaks, in one refusal; nothing is changed here, so that a refused change is no change. */
    private CheckedChange validate(Profile profile, Change change) {
        Violations violations = new Violations();
        EmailAddress email = null;
        boolean currentPasswordChecked = false;
        if (change.email() != null && !profile.email().equals(change.email().strip())) {
            email = violations.parse(() -> EmailAddress.parse("email", change.email()));
            if (email != null && !profile.hasEmail(email.value())) {
                violations.check(() -> requireCurrentPassword(profile, change.currentPassword(), "change the email"));
                currentPasswordChecked = true;
            }
        }
        if (change.password() != null) {
            if (!currentPasswordChecked) {
                // a wrong current password is one guess, however many fields needed it
                violations.check(() -> requireCurrentPassword(profile, change.currentPassword(), "set a new password"));
            }
            violations.check(() -> requireStrongEnough(change.password()));
        }
        if (change.name() != null && !change.name().strip().equals(profile.name())) {
            if (change.name().isBlank()) {
                violations.add(InputRefusal.REQUIRED, "name", "The name cannot be blank.");
            } else {
                violations.check(() -> requireFits("name", change.name(), Profile.MAX_NAME_LENGTH));
            }
        }
        if (change.company() != null && !change.company().strip().equals(nullToEmpty(profile.company()))) {
            violations.check(() -> requireFits("company", change.company(), Profile.MAX_NAME_LENGTH));
        }
        if (change.address() != null && !change.address().strip().equals(profile.address())) {
            violations.check(() -> requireFits("address", change.address(), Profile.MAX_ADDRESS_LENGTH));
        }
        boolean taxIdentity = change.country() != null || change.vatNumber() != null;
        String country = null;
        VatNumber vatNumber = null;
        if (taxIdentity) {
            String checkedCountry = change.country() == null ? profile.country()
                    : violations.parse(() -> country(change.country()));
            // a new country is checked against the number the profile keeps, unless this change replaces it
            vatNumber = checkedCountry == null ? null : violations.parse(() -> vatNumber(
                    change.vatNumber() == null ? profile.vatNumber() : change.vatNumber(), checkedCountry));
            country = checkedCountry;
        }
        Profile.Language locale = change.locale() == null ? null
                : violations.parse(() -> language(change.locale()));
        violations.throwIfAny();
        return new CheckedChange(email, change.password(), country, vatNumber, taxIdentity, locale);
    }

    private Changed apply(Long profileId, Change change, Actor actor, String ownSessionId) {
        Profile profile = get(profileId);
        CheckedChange checked = validate(profile, change);
        List<ActivityFacts> changed = new ArrayList<>();
        EmailAddress newEmail = null;
        if (checked.email() != null) {
            if (profile.hasEmail(checked.email().value())) {
                // the same mailbox written in other capitals: already proven, nothing to confirm
                String before = profile.email();
                profile.changeEmail(checked.email());
                changed.add(ActivityFacts.change("email", before, profile.email()));
            } else {
                newEmail = checked.email();
            }
        }
        if (checked.password() != null) {
            profile.changePasswordHash(passwords.encode(checked.password()));
            // S10: whoever else holds a session or a pending email link may be who learnt the old password
            emailChanges.closeOpen(profileId, clock.instant());
            events.publishEvent(new PasswordChanged(profileId, ownSessionId));
            // never the password itself, not even hashed
            changed.add(ActivityFacts.change("password", null, null));
        }
        if (change.name() != null && !change.name().strip().equals(profile.name())) {
            String before = profile.name();
            profile.changeName(change.name());
            changed.add(ActivityFacts.change("name", before, profile.name()));
        }
        if (change.company() != null && !change.company().strip().equals(nullToEmpty(profile.company()))) {
            String before = nullToEmpty(profile.company());
            profile.changeCompany(change.company());
            changed.add(ActivityFacts.change("company", before, nullToEmpty(profile.company())));
        }
        if (change.address() != null && !change.address().strip().equals(profile.address())) {
            String before = profile.address();
            profile.changeAddress(change.address());
            changed.add(ActivityFacts.change("address", before, profile.address()));
        }
        if (checked.taxIdentity()) {
            String beforeCountry = profile.country();
            String beforeNumber = nullToEmpty(profile.vatNumber());
            profile.changeTaxIdentity(checked.country(), checked.vatNumber());
            if (!beforeCountry.equals(profile.country())) {
                changed.add(ActivityFacts.change("country", beforeCountry, profile.country()));
            }
            if (!beforeNumber.equals(nullToEmpty(profile.vatNumber()))) {
                changed.add(ActivityFacts.change("vatNumber", beforeNumber, nullToEmpty(profile.vatNumber())));
            }
        }
        if (checked.locale() != null) {
            Profile.Language locale = checked.locale();
            if (locale != profile.locale()) {
                String before = profile.locale().tag();
                profile.changeLocale(locale);
                changed.add(ActivityFacts.change("locale", before, locale.tag()));
            }
        }
        Profile saved = saveUnique(profile);
        for (ActivityFacts field : changed) {
            activity.record(profileId, actor, ActivityAction.PROFILE_CHANGED, field);
        }
        if (newEmail != null) {
            requestEmailChange(saved, newEmail, actor);
        }
        return new Changed(saved, newEmail == null ? null : newEmail.value());
    }

    /**
     * Opens a confirmation link: the email changes only if the link is this profile's, unused, less than 24 hours
     * old, and no other profile took the address meanwhile. The link is spent whatever the outcome.
     */
    @Transactional
    public Confirmation confirmEmail(Long profileId, String token, Actor actor) {
        if (!SecretToken.plausible(token)) {
            return Confirmation.INVALID;
        }
        Instant now = clock.instant();
        Optional<PendingEmailChange> found = emailChanges.lockByTokenHash(SecretToken.hash(token))
                .filter(change -> change.profileId().equals(profileId) && change.isOpen(now));
        if (found.isEmpty()) {
            return Confirmation.INVALID;
        }
        PendingEmailChange change = found.get();
        change.use(now);
        emailChanges.save(change);
        Profile profile = get(profileId);
        if (profiles.findByEmail(change.newEmail()).filter(other -> !other.id().equals(profileId)).isPresent()) {
            return Confirmation.TAKEN;
        }
        String before = profile.email();
        profile.changeEmail(EmailAddress.of(change.newEmail()));
        saveUnique(profile);
        activity.record(profileId, actor, ActivityAction.PROFILE_CHANGED,
                ActivityFacts.change("email", before, profile.email()));
        return Confirmation.CONFIRMED;
    }

    /** The newest email change still waiting for its link, if any. */
    @Transactional(readOnly = true)
    public Optional<PendingEmailChange> pendingEmailChange(Long profileId) {
        return emailChanges.findOpen(profileId, clock.instant()).stream().findFirst();
    }

    /**
     * Stores the request and has the mails sent: the link to the new address, or, when another profile holds it,
     * a note saying so; and a notice to the current address. A taken address gets a stored request too, whose
     * token nobody ever receives, so that nothing the profile can see tells the two cases apart.
     */
    private void requestEmailChange(Profile profile, EmailAddress newEmail, Actor actor) {
        Instant asked = clock.instant();
        // the profile's row lock makes two requests at once count one after the other, so the limit holds exactly
        profiles.lockById(profile.id()).orElseThrow(() -> new NotFoundException("There is no profile " + profile.id() + "."));
        if (emailChanges.countRequestedSince(profile.id(), asked.minus(EMAIL_CHANGE_WINDOW)) >= MAX_EMAIL_CHANGES_PER_DAY) {
            throw new TooManyRequestsException("A profile can ask for at most " + MAX_EMAIL_CHANGES_PER_DAY
                    + " email changes in 24 hours; try again later.", EMAIL_CHANGE_WINDOW);
        }
        // S9: the newest request replaces the pending one, whose link stops working
        emailChanges.closeOpen(profile.id(), asked);
        boolean taken = profiles.findByEmail(newEmail.value()).isPresent();
        String token = SecretToken.generate();
        Instant now = clock.instant();
        PendingEmailChange change = emailChanges.save(new PendingEmailChange(profile.id(), newEmail,
                SecretToken.hash(token), now, now.plus(EMAIL_CONFIRMATION_VALIDITY)));
        activity.record(profile.id(), actor, ActivityAction.EMAIL_CHANGE_REQUESTED,
                ActivityFacts.change("email", null, newEmail.value()));
        events.publishEvent(new EmailChangeRequested(change.id(), profile.id(), profile.name(), profile.locale(),
                profile.email(), newEmail.value(), taken ? null : token, change.expiresAt()));
    }

    private void requireCurrentPassword(Profile profile, String currentPassword, String purpose) {
        if (currentPassword == null || !passwords.matches(currentPassword, profile.passwordHash())) {
            if (currentPassword != null) {
                // counted by the guessing throttle like any wrong password (S8), under the profile's email
                events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                        UsernamePasswordAuthenticationToken.unauthenticated(profile.email(), null),
                        new BadCredentialsException("wrong current password")));
            }
            throw new RuleViolationException(ProfileRefusal.CURRENT_PASSWORD_WRONG, "currentPassword",
                    "The current password is needed to " + purpose + ", and it does not match.");
        }
    }

    /** Flushed here, so that a concurrent profile taking the same email is a 409 now rather than a failed commit later. */
    private Profile saveUnique(Profile profile) {
        try {
            return profiles.saveAndFlush(profile);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("Another profile already uses " + profile.email() + ".");
        }
    }

    private static String country(String country) {
        try {
            return VatNumber.requireCountry(country);
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException(ProfileRefusal.COUNTRY_INVALID, "country", e.getMessage());
        }
    }

    private static Profile.Language language(String tag) {
        try {
            return Profile.Language.of(tag);
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException(ProfileRefusal.LOCALE_UNSUPPORTED, "locale", "The language must be fr or en.");
        }
    }

    /** Null for none (null or blank); else the number, checked against the country (V3). */
    private static VatNumber vatNumber(String raw, String country) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return VatNumber.of(raw, country);
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException(ProfileRefusal.VAT_NUMBER_INVALID, "vatNumber", e.getMessage());
        }
    }

    /** S11 and the field's length: the address has lines, the other fields one. */
    private static void requireFits(String field, String value, int maxLength) {
        if ("address".equals(field)) {
            TextFields.multiLine(field, value);
        } else {
            TextFields.oneLine(field, value);
        }
        if (value != null && value.strip().length() > maxLength) {
            throw new RuleViolationException(InputRefusal.TOO_LONG, field,
                    "The " + field + " can have at most " + maxLength + " characters.", maxLength);
        }
    }

    private static void requireStrongEnough(String rawPassword) {
        if (rawPassword == null || rawPassword.length() < Profile.MIN_PASSWORD_LENGTH) {
            throw new RuleViolationException(ProfileRefusal.PASSWORD_TOO_SHORT, "password",
                    "The password must have at least " + Profile.MIN_PASSWORD_LENGTH + " characters.",
                    Profile.MIN_PASSWORD_LENGTH);
        }
        if (rawPassword.getBytes(StandardCharsets.UTF_8).length > Profile.MAX_PASSWORD_BYTES) {
            throw new RuleViolationException(ProfileRefusal.PASSWORD_TOO_LONG, "password",
                    "The password can have at most " + Profile.MAX_PASSWORD_BYTES
                            + " bytes (fewer characters with accents).", Profile.MAX_PASSWORD_BYTES);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
