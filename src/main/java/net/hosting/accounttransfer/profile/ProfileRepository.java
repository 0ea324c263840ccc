package net.hosting.accounttransfer.profile;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Profiles, looked up by their case-insensitive sign-in email. */
public interface ProfileRepository extends Repository<Profile, Long> {

    Profile save(Profile profile);

    Profile saveAndFlush(Profile profile);

    Optional<Profile> findById(Long id);

    /** The profile, its row locked until the transaction ends, so that steps counted per profile queue up. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Profile p where p.id = ?1")
    Optional<Profile> lockById(Long id);

    /** Whether the profile ever asked to use {@code email} (S1): its own address to come, for T2. */
    @Query("select count(c) > 0 from PendingEmailChange c where c.profileId = ?1 and lower(c.newEmail) = lower(?2)")
    boolean askedToUse(Long profileId, String email);

    @Query("select p from Profile p where lower(p.email) = lower(?1)")
    Optional<Profile> findByEmailIgnoringCase(String email);

    default Optional<Profile> findByEmail(String email) {
        return email == null ? Optional.empty() : findByEmailIgnoringCase(email.strip());
    }

    default boolean existsByEmail(String email) {
        return findByEmail(email).isPresent();
    }
}
