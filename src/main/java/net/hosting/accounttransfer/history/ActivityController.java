package net.hosting.accounttransfer.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.hosting.accounttransfer.infrastructure.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/activity}: the signed-in profile's own activity log, newest first, a page at a time. */
@RestController
@Tag(name = "Activity", description = "What was done on the signed-in customer's profile, accounts and transfers")
class ActivityController {

    private final ActivityLog activity;
    private final ActivityTexts texts;

    ActivityController(ActivityLog activity, ActivityTexts texts) {
        this.activity = activity;
        this.texts = texts;
    }

    /**
     * The stored facts for scripts (the action and its fields, null when the action has none), and {@code detail},
     * the same facts as a sentence in the profile's language, as the history page shows them.
     */
    record ActivityView(Instant at, String actor, ActivityAction action, @Schema(nullable = true) String account,
            @Schema(nullable = true) UUID transfer, @Schema(nullable = true) String counterpart,
            @Schema(nullable = true) String billingMode, @Schema(nullable = true) String field,
            @Schema(nullable = true) String oldValue, @Schema(nullable = true) String newValue,
            @Schema(nullable = true) String note, String detail,
            @Schema(nullable = true, example = "203.0.113.7") String remoteAddress) {
    }

    // the principal is read by expression, so that history does not depend on profile, which logs into it;
    // the locale is the profile's, as the application's locale resolver gives it
    @GetMapping("/api/activity")
    @Operation(summary = "The signed-in customer's activity, newest first, in the customer's language")
    ResponseEntity<List<ActivityView>> list(@AuthenticationPrincipal(expression = "profileId()") Long profileId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            Locale locale, HttpServletRequest request) {
        Paging paging = Paging.of(page, size);
        return paging.answer(activity.of(profileId, paging).map(entry -> {
            ActivityFacts facts = entry.facts();
            return new ActivityView(entry.occurredAt(), entry.actor(), entry.action(), entry.accountName(),
                    facts.transferId(), facts.counterpart(), facts.billingMode(), facts.field(), facts.oldValue(),
                    facts.newValue(), facts.note(), texts.detail(entry, locale), entry.remoteAddress());
        }), request);
    }
}
