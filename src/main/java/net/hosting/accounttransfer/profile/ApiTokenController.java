package net.hosting.accounttransfer.profile;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tokens}: the signed-in customer's personal API tokens; reached with the password only. */
@RestController
@RequestMapping(ApiTokens.MANAGEMENT_PATH)
class ApiTokenController {


    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateBody(String name) {
    }

    record Created(Long id, String name, String token, Instant createdAt) {
    }

    record TokenView(Long id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    @PostMapping
    ResponseEntity<Created> create(@AuthenticationPrincipal SignedInProfile me, @RequestBody CreateBody body,
            HttpServletRequest request) {
        ApiTokens.Issued issued = tokens.issue(me.profileId(), body.name(), me.actor(request));
        ApiToken token = issued.token();
        return ResponseEntity.created(URI.create(ApiTokens.MANAGEMENT_PATH + "/" + token.id()))
                .body(new Created(token.id(), token.name(), issued.secret(), token.createdAt()));
    }

    @GetMapping
    List<TokenView> list(@AuthenticationPrincipal SignedInProfile me) {
        return tokens.list(me.profileId()).stream()
                .map(t -> new TokenView(t.id(), t.name(), t.createdAt(), t.lastUsedAt())).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal SignedInProfile me, @PathVariable Long id,
            HttpServletRequest request) {
        tokens.revoke(me.profileId(), id, me.actor(request));
        return ResponseEntity.noContent().build();
    }
}
