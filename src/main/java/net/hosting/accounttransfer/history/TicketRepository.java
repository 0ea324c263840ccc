package net.hosting.accounttransfer.history;

import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Support tickets of one profile, newest first. */
interface TicketRepository extends Repository<Ticket, Long> {

    Ticket save(Ticket ticket);

    Optional<Ticket> findById(Long id);

    @Query("select t from Ticket t where t.profileId = ?1 order by t.createdAt desc, t.id desc")
    Slice<Ticket> findByProfile(Long profileId, Pageable page);
}
