package net.hosting.accounttransfer.history;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import net.hosting.accounttransfer.common.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/activity}: the signed-in profile's own activity log, newest first, a page at a time. */
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
    ResponseEntity<List<ActivityView>> list(@AuthenticationPrincipal(expression = "profileId()") Long profileId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            HttpServletRequest request) {
        Paging paging = Paging.of(page, size);
        return paging.answer(activity.of(profileId, paging).map(ActivityView::of), request);
    }
}
