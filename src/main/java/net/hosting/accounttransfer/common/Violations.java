package net.hosting.accounttransfer.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rules a request breaks, gathered while a service checks every field, so that one answer names them all; a
 * check that throws {@link RuleViolationException} adds what it says and lets the next check run.
 */
public final class Violations {

    private final List<RuleViolationException.Violation> found = new ArrayList<>();

    /** The value {@code check} answers, or null when it refuses, its refusal kept. */
    public <T> T parse(Supplier<T> check) {
        try {
            return check.get();
        } catch (RuleViolationException e) {
            found.addAll(e.violations());
            return null;
        }
    }

    /** Runs {@code check}, keeping its refusal instead of throwing it. */
    public void check(Runnable check) {
        try {
            check.run();
        } catch (RuleViolationException e) {
            found.addAll(e.violations());
        }
    }

    public void add(ReasonCode reason, String field, String detail, Object... arguments) {
        found.add(new RuleViolationException.Violation(reason, field, detail, List.of(arguments)));
    }

    /** Whether a rule about {@code field} is already broken, so that checks building on it can be left out. */
    public boolean has(String field) {
        return found.stream().anyMatch(violation -> field.equals(violation.field()));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws every rule broken so far in one {@link RuleViolationException}, in the order they were found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new RuleViolationException(found);
        }
    }
}
