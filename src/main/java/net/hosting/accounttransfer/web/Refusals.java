package net.hosting.accounttransfer.web;

import java.util.Set;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.profile.Profile;
import org.springframework.validation.Errors;

/**
 * What a page refuses, in the reader's language: a service's {@link RuleViolationException} by its reason
 * ({@code rule.REASON} in pages*.properties), and the checks a form makes before asking the service, against the
 * limits the entities declare.
 */
public final class Refusals {

    /** The forms' fields of several lines (their textareas), where tab and line breaks are text. */
    private static final Set<String> MULTI_LINE = Set.of("address", "message", "reason");

    private Refusals() {
    }

    /** The service's refusal, beside {@code path}. */
    public static void reject(Errors errors, String path, RuleViolationException refusal) {
        errors.rejectValue(path, code(refusal.reason()), refusal.arguments(), refusal.getMessage());
    }

    /** The form field a refusal is about: the one it names when the form has it, otherwise {@code fallback}. */
    public static String field(RuleViolationException refusal, String fallback, String... formFields) {
        for (String field : formFields) {
            if (field.equals(refusal.field())) {
                return field;
            }
        }
        return fallback;
    }

    public static String code(RuleViolationException.Reason reason) {
        return "rule." + reason.name();
    }

    /**
     * A text with a control character its field does not allow (S11, the services' own check), or longer than the
     * field allows, counted as the service counts it: without spaces around it.
     */
    public static void requireFits(Errors errors, String field, String value, int maxLength) {
        if (TextFields.hasControlCharacter(value, MULTI_LINE.contains(field))) {
            errors.rejectValue(field, code(RuleViolationException.Reason.CONTROL_CHARACTER));
        } else if (value != null && value.strip().length() > maxLength) {
            errors.rejectValue(field, code(RuleViolationException.Reason.TOO_LONG), new Object[] {maxLength}, null);
        }
    }

    /** A new password and its confirmation, typed twice. */
    public static void requireNewPassword(Errors errors, String field, String password, String confirmationField,
            String confirmation) {
        if (password == null || password.length() < Profile.MIN_PASSWORD_LENGTH) {
            errors.rejectValue(field, code(RuleViolationException.Reason.PASSWORD_TOO_SHORT),
                    new Object[] {Profile.MIN_PASSWORD_LENGTH}, null);
        } else if (!password.equals(confirmation)) {
            errors.rejectValue(confirmationField, "form.error.passwordMismatch");
        }
    }
}
