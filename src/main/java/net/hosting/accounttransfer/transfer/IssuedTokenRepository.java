package net.hosting.accounttransfer.transfer;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Hashes of the accept links mailed for each transfer. */
interface IssuedTokenRepository extends Repository<IssuedToken, Long> {

    IssuedToken save(IssuedToken token);

    @Query("select t from IssuedToken t where t.transferId = ?1")
    List<IssuedToken> findByTransfer(UUID transferId);
}
