package net.hosting.accounttransfer.history;

import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/activity}: the signed-in profile's own activity log, newest first. */
@RestController
class ActivityController {

    private final ActivityLog activity;

    ActivityController(ActivityLog activity) {
        this.activity = activity;
    }

    record ActivityView(Instant at, String actor, String action, String account, String detail, String remoteAddress) {

        static ActivityView of(Activity entry) {
            return new ActivityView(entry.occurredAt(), entry.actor(), entry.action(), entry.accountName(),
                    entry.detail(), entry.remoteAddress());
        }
    }

    // the principal is read by expression, so that history does not depend on profile, which logs into it
    @GetMapping("/api/activity")
    List<ActivityView> list(@AuthenticationPrincipal(expression = "profileId()") Long profileId) {
        return activity.of(profileId).stream().map(ActivityView::of).toList();
    }
}
