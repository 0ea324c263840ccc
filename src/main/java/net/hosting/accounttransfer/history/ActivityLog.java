package net.hosting.accounttransfer.history;

import java.time.Clock;
import net.hosting.accounttransfer.common.Paging;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads the activity log that belongs to each profile, never to an account. */
@Service
public class ActivityLog {

    private final ActivityRepository entries;
    private final Clock clock;

    ActivityLog(ActivityRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Transactional
    public Activity record(Long profileId, Actor actor, String action, Long accountId, String accountName,
            String detail) {
        return entries.save(new Activity(profileId, actor, action, accountId, accountName, detail, clock.instant()));
    }

    @Transactional
    public Activity record(Long profileId, Actor actor, String action, String detail) {
        return record(profileId, actor, action, null, null, detail);
    }

    @Transactional(readOnly = true)
    public Slice<Activity> of(Long profileId, Paging paging) {
        return entries.findByProfile(profileId, paging.pageable());
    }
}
