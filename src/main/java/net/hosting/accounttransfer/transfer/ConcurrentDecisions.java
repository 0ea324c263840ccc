package net.hosting.accounttransfer.transfer;

import java.util.function.Supplier;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs a decision (accept, decline, cancel) again when it met a process step of the same offer in the engine,
 * e.g. the job executor taking the offer mail's job in the instant an early acceptance ends the offer. The decision
 * was rolled back whole, so asking again in a new transaction is safe, and then it sees what the step committed.
 * Call it outside any transaction: each attempt is one transaction on one connection.
 */
public final class ConcurrentDecisions {

    static final int ATTEMPTS = 3;

    private ConcurrentDecisions() {
    }

    public static <T> T retry(Supplier<T> decision) {
        for (int attempt = 1; ; attempt++) {
            try {
                return decision.get();
            } catch (OptimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
