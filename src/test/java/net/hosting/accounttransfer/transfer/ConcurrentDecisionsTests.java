package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import net.hosting.accounttransfer.common.ConflictException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

/** A decision that met a concurrent engine step is asked again; any other answer stands at once. */
class ConcurrentDecisionsTests {

    @Test
    void aDecisionThatMetAConcurrentStepIsAskedAgainAndItsSecondAnswerStands() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = ConcurrentDecisions.retry(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new OptimisticLockingFailureException("the offer mail's job changed the process meanwhile");
            }
            return "accepted";
        });
        assertThat(answer).isEqualTo("accepted");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void afterThreeCollisionsTheConflictReachesTheCaller() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrentDecisions.retry(() -> {
            attempts.incrementAndGet();
            throw new OptimisticLockingFailureException("again");
        })).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(attempts).hasValue(ConcurrentDecisions.ATTEMPTS);
    }

    @Test
    void aRuleThatSaysNoIsNeverAskedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrentDecisions.retry(() -> {
            attempts.incrementAndGet();
            throw new ConflictException("no longer pending");
        })).isInstanceOf(ConflictException.class);
        assertThat(attempts).hasValue(1);
    }
}
