package net.hosting.accounttransfer.common;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is well-formed but breaks one or more business rules (answered 422); each feature names its rules
 * in its own {@link ReasonCode} enum, and {@link InputRefusal} holds those of any field.
 */
public class RuleViolationException extends RuntimeException {

    /**
     * One broken rule.
     *
     * @param field the input at fault, or null
     * @param detail what an API client reads, in English
     * @param arguments what a page's text for the reason needs, such as a length limit
     */
    public record Violation(ReasonCode reason, String field, String detail, List<Object> arguments) {

        public Violation {
            arguments = List.copyOf(arguments);
        }

        public Object[] argumentArray() {
            return arguments.toArray();
        }
    }

    private final List<Violation> violations;

    /**
     * @param field the input at fault, or null
     * @param detail what an API client reads, in English
     * @param arguments what a page's text for the reason needs, such as a length limit
     */
    public RuleViolationException(ReasonCode reason, String field, String detail, Object... arguments) {
        this(List.of(new Violation(reason, field, detail, List.of(arguments))));
    }

    /** Every rule a request broke, the first one first; see {@link Violations}. */
    public RuleViolationException(List<Violation> violations) {
        super(violations.stream().map(Violation::detail).collect(Collectors.joining(" ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rule violation names at least one broken rule");
        }
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, in the order the service checked them. */
    public List<Violation> violations() {
        return violations;
    }

    /** The first broken rule's reason. */
    public ReasonCode reason() {
        return violations.get(0).reason();
    }

    /** The input field at fault in the first broken rule, when there is one, so pages can show it beside it. */
    public String field() {
        return violations.get(0).field();
    }

    public Object[] arguments() {
        return violations.get(0).argumentArray();
    }
}
