package net.hosting.accounttransfer.web;

import net.hosting.accounttransfer.common.ReasonCode;
import net.hosting.accounttransfer.common.RuleViolationException;
import org.springframework.validation.Errors;

/**
 * What a page refuses, in the reader's language: each rule a service's {@link RuleViolationException} names, by
 * its reason ({@code rule.REASON} in pages*.properties, or {@code rule.REASON.field} where a field says it its own
 * way), beside the form field it is about. Pages make no rule of their own about what the services check.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Every broken rule beside its field: the one it names when the form has a field of that name, otherwise
     * {@code fallback}.
     */
    public static void reject(Errors errors, RuleViolationException refusal, String fallback, String... formFields) {
        for (RuleViolationException.Violation violation : refusal.violations()) {
            reject(errors, field(violation.field(), fallback, formFields), violation);
        }
    }

    /** One broken rule, beside {@code path}. */
    public static void reject(Errors errors, String path, RuleViolationException.Violation violation) {
        errors.rejectValue(path, code(violation.reason()), violation.argumentArray(), violation.detail());
    }

    private static String field(String named, String fallback, String... formFields) {
        for (String field : formFields) {
            if (field.equals(named)) {
                return field;
            }
        }
        return fallback;
    }

    public static String code(ReasonCode reason) {
        return "rule." + reason.code();
    }
}
