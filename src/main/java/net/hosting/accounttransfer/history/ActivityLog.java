package net.hosting.accounttransfer.history;

import java.time.Clock;
import net.hosting.accounttransfer.infrastructure.Paging;
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
    public Activity record(Long profileId, Actor actor, ActivityAction action, Long accountId, String accountName,
            ActivityFacts facts) {
        return entries.save(new Activity(profileId, actor, action, accountId, accountName, facts, clock.instant()));
    }

    @Transactional
    public Activity record(Long profileId, Actor actor, ActivityAction action, ActivityFacts facts) {
        return record(profileId, actor, action, null, null, facts);
    }

    @Transactional(readOnly = true)
    public Slice<Activity> of(Long profileId, Paging paging) {
        return entries.findByProfile(profileId, paging.pageable());
    }
}
