package net.hosting.accounttransfer.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** API tokens, found by the hash of the presented token. */
interface ApiTokenRepository extends Repository<ApiToken, Long> {

    ApiToken save(ApiToken token);

    /** The token and its profile in one indexed lookup, since every Bearer call needs both. */
    @Query("select t, p from ApiToken t join Profile p on p.id = t.profileId where t.tokenHash = ?1")
    List<Object[]> findWithProfileByHash(String tokenHash);

    @Query("select t from ApiToken t where t.profileId = ?1 order by t.createdAt desc, t.id desc")
    List<ApiToken> findByProfile(Long profileId);

    @Query("select count(t) from ApiToken t where t.profileId = ?1")
    long countByProfile(Long profileId);

    @Query("select t from ApiToken t where t.id = ?1 and t.profileId = ?2")
    Optional<ApiToken> findOwned(Long id, Long profileId);

    void delete(ApiToken token);

    /** Writes at most once a minute per token, so a busy script does not turn every read into a write. */
    @Modifying(flushAutomatically = true, clearAutomatically = false)
    @Query("update ApiToken t set t.lastUsedAt = ?2 where t.id = ?1 and (t.lastUsedAt is null or t.lastUsedAt < ?3)")
    int touch(Long id, Instant now, Instant staleBefore);
}
