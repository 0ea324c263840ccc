package net.hosting.accounttransfer.history;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.infrastructure.Paging;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.common.Violations;
import net.hosting.accounttransfer.common.InputRefusal;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens and lists a profile's support tickets; opening one is itself an activity. */
@Service
public class Tickets {

    private final TicketRepository tickets;
    private final ActivityLog activity;
    private final Clock clock;

    Tickets(TicketRepository tickets, ActivityLog activity, Clock clock) {
        this.tickets = tickets;
        this.activity = activity;
        this.clock = clock;
    }

    /** The caller has already checked that the profile owns {@code accountId}, when one is given. */
    @Transactional
    public Ticket open(Long profileId, Actor actor, Long accountId, String accountName, String subject,
            String message) {
        check(subject, message);
        // PostgreSQL keeps microseconds: the answer to the POST must show the instant a later GET will show
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Ticket ticket = tickets.save(new Ticket(profileId, accountId, accountName, subject, message, now));
        activity.record(profileId, actor, ActivityAction.TICKET_OPENED, accountId, accountName,
                ActivityFacts.note(ticket.subject()));
        return ticket;
    }

    /** What {@link #open} would refuse about the subject and the message, every rule at once, storing nothing. */
    public void check(String subject, String message) {
        Violations violations = new Violations();
        violations.check(() -> requireText("subject", TextFields.oneLine("subject", subject), Ticket.MAX_SUBJECT_LENGTH));
        violations.check(() -> requireText("message", TextFields.multiLine("message", message), Ticket.MAX_MESSAGE_LENGTH));
        violations.throwIfAny();
    }

    /** One of the profile's own tickets; another profile's looks exactly like one that does not exist. */
    @Transactional(readOnly = true)
    public Ticket get(Long profileId, Long ticketId) {
        return tickets.findById(ticketId).filter(ticket -> ticket.profileId().equals(profileId))
                .orElseThrow(() -> new NotFoundException("You have no ticket " + ticketId + "."));
    }

    @Transactional(readOnly = true)
    public Slice<Ticket> of(Long profileId, Paging paging) {
        return tickets.findByProfile(profileId, paging.pageable());
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new RuleViolationException(InputRefusal.REQUIRED, field, "A ticket needs a " + field + ".");
        }
        if (value.strip().length() > maxLength) {
            throw new RuleViolationException(InputRefusal.TOO_LONG, field,
                    "The " + field + " can have at most " + maxLength + " characters.", maxLength);
        }
    }
}
