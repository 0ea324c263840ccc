package net.hosting.accounttransfer.history;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Activity entries of one profile, newest first. */
interface ActivityRepository extends Repository<Activity, Long> {

    Activity save(Activity activity);

    @Query("select a from Activity a where a.profileId = ?1 order by a.occurredAt desc, a.id desc")
    Slice<Activity> findByProfile(Long profileId, Pageable page);
}
