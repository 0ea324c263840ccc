package net.hosting.accounttransfer.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "API tokens", description = "Personal tokens for scripts; managed with the password only, never with a token")
class ApiTokenController {


    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateBody(String name) {
    }

    record Created(Long id, String name,
            @Schema(description = "The secret, shown this once only", example = "at_q1Xr0n4Vf6yWm2bH8tLz9kP3sD5gJ7cA0eN4uR6iO1w")
            String token, Instant createdAt) {
    }

    record TokenView(Long id, String name, Instant createdAt,
            @Schema(nullable = true, description = "null until the token is first used") Instant lastUsedAt) {
    }

    @PostMapping
    @Operation(summary = "Create a token; its secret is in this answer only")
    @ApiResponse(responseCode = "201", description = "The token with its secret",
            headers = @Header(name = "Location", required = true, description = "/api/tokens/{id}",
                    schema = @Schema(type = "string")), useReturnTypeSchema = true)
    ResponseEntity<Created> create(@AuthenticationPrincipal SignedInProfile me, @RequestBody CreateBody body,
            HttpServletRequest request) {
        ApiTokens.Issued issued = tokens.issue(me.profileId(), body.name(), me.actor(request));
        ApiToken token = issued.token();
        return ResponseEntity.created(URI.create(ApiTokens.MANAGEMENT_PATH + "/" + token.id()))
                .body(new Created(token.id(), token.name(), issued.secret(), token.createdAt()));
    }

    @GetMapping
    @Operation(summary = "The signed-in customer's tokens, without their secrets")
    List<TokenView> list(@AuthenticationPrincipal SignedInProfile me) {
        return tokens.list(me.profileId()).stream()
                .map(t -> new TokenView(t.id(), t.name(), t.createdAt(), t.lastUsedAt())).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token; it stops working at once")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal SignedInProfile me, @PathVariable Long id,
            HttpServletRequest request) {
        tokens.revoke(me.profileId(), id, me.actor(request));
        return ResponseEntity.noContent().build();
    }
}
