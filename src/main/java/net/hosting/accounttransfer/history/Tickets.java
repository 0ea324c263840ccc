package net.hosting.accounttransfer.history;

import java.time.Clock;
import java.util.List;
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
        Ticket ticket = tickets.save(new Ticket(profileId, accountId, accountName, subject, message, clock.instant()));
        activity.record(profileId, actor, "TICKET_OPENED", accountId, accountName, ticket.subject());
        return ticket;
    }

    @Transactional(readOnly = true)
    public List<Ticket> of(Long profileId) {
        return tickets.findByProfile(profileId);
    }
}
