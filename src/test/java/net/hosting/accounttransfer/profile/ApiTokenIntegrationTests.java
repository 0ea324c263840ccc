package net.hosting.accounttransfer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.infrastructure.SecretToken;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** PRODUCT.md "API tokens": created with the password, shown once, stored as a hash, revoked at once. */
class ApiTokenIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiTokens tokens;

    Profile paula;
    Api withPassword;

    @BeforeEach
    void aCustomer() {
        paula = fixtures.customer("Paula", Profile.Language.EN);
        withPassword = api.as(paula.email(), Fixtures.PASSWORD);
    }

    @Test
    void aCreatedTokenSignsInEveryApiCallAndIsShownOnlyOnce() {
        Api.Reply created = withPassword.post("/api/tokens", Map.of("name", "deploy script"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        String token = body.get("token").asText();
        assertThat(token).matches("at_[A-Za-z0-9_-]{43}");
        assertThat(body.get("name").asText()).isEqualTo("deploy script");
        assertThat(body.get("createdAt").asText()).isNotBlank();
        assertThat(created.header("Location")).isEqualTo("/api/tokens/" + body.get("id").asLong());

        Api.Reply profile = api.withToken(token).get("/api/profile");
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().get("email").asText()).isEqualTo(paula.email());
        assertThat(api.withToken(token).get("/api/transfers?role=sent").status()).isEqualTo(200);

        List<JsonNode> listed = list(withPassword.get("/api/tokens"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(body.get("id").asLong());
        assertThat(listed.get(0).has("token")).as("the token is shown only when it is created").isFalse();
        assertThat(listed.get(0).get("lastUsedAt").isNull()).as("the calls above used it").isFalse();
        assertThat(withPassword.get("/api/tokens").body()).doesNotContain(token.substring(3));
    }

    @Test
    void onlyTheSha256HashOfTheTokenIsStored() {
        String token = create(withPassword, "ci").get("token").asText();

        Map<String, Object> row = jdbc.queryForMap("select * from api_token where profile_id = ?", paula.id());
        assertThat(row.get("token_hash")).isEqualTo(SecretToken.hash(token));
        String wholeRow = jdbc.queryForObject("select t::text from api_token t where profile_id = ?", String.class,
                paula.id());
        assertThat(wholeRow).doesNotContain(token).doesNotContain(token.substring(3));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        JsonNode created = create(withPassword, "old laptop");
        Api withToken = api.withToken(created.get("token").asText());
        assertThat(withToken.get("/api/profile").status()).isEqualTo(200);

        Api.Reply revoked = withPassword.delete("/api/tokens/" + created.get("id").asLong());

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        Api.Reply refused = withToken.get("/api/profile");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(list(withPassword.get("/api/tokens"))).isEmpty();
        assertThat(withPassword.delete("/api/tokens/" + created.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void aTokenCannotManageTokensThatNeedsThePassword() {
        String token = create(withPassword, "script").get("token").asText();
        Api withToken = api.withToken(token);

        Api.Reply minted = withToken.post("/api/tokens", Map.of("name", "a second one"));
        Api.Reply listed = withToken.get("/api/tokens");
        Api.Reply revoked = withToken.delete("/api/tokens/" + jdbc.queryForObject(
                "select id from api_token where profile_id = ?", Long.class, paula.id()));

        for (Api.Reply refused : List.of(minted, listed, revoked)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.json().get("detail").asText()).contains("password");
        }
        assertThat(jdbc.queryForObject("select count(*) from api_token where profile_id = ?", Integer.class,
                paula.id())).as("nothing minted, nothing revoked").isEqualTo(1);
        assertThat(withToken.get("/api/profile").status()).isEqualTo(200);
    }

    @Test
    void anotherProfilesTokenIsNotFoundAndKeepsWorking() {
        Profile quentin = fixtures.customer("Quentin", Profile.Language.FR);
        JsonNode quentins = create(api.as(quentin.email(), Fixtures.PASSWORD), "his");

        Api.Reply attempt = withPassword.delete("/api/tokens/" + quentins.get("id").asLong());

        assertThat(attempt.status()).as(attempt.body()).isEqualTo(404);
        assertThat(attempt.contentType()).startsWith("application/problem+json");
        assertThat(list(withPassword.get("/api/tokens"))).isEmpty();
        Api.Reply stillHis = api.withToken(quentins.get("token").asText()).get("/api/profile");
        assertThat(stillHis.json().get("email").asText()).isEqualTo(quentin.email());
    }

    @Test
    void badNamesAndUnknownTokensGetClearProblems() {
        Api.Reply blank = withPassword.post("/api/tokens", Map.of("name", "  "));
        Api.Reply tooLong = withPassword.post("/api/tokens", Map.of("name", "x".repeat(ApiToken.MAX_NAME_LENGTH + 1)));
        Api.Reply malformed = withPassword.send("POST", "/api/tokens", "{\"name\":");

        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().get("field").asText()).isEqualTo("name");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("detail").asText()).contains(String.valueOf(ApiToken.MAX_NAME_LENGTH));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(list(withPassword.get("/api/tokens"))).as("nothing was created").isEmpty();
        assertThat(create(withPassword, "x".repeat(ApiToken.MAX_NAME_LENGTH)).get("name").asText())
                .hasSize(ApiToken.MAX_NAME_LENGTH);

        for (String wrong : List.of("at_" + SecretToken.generate(), "not-a-token", "at_" + "x".repeat(500))) {
            Api.Reply refused = api.withToken(wrong).get("/api/profile");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void aProfileHoldsAtMostAHundredTokensSoTheirListStaysBounded() {
        for (int i = 1; i < ApiToken.MAX_PER_PROFILE; i++) {
            tokens.issue(paula.id(), "script " + i, new Actor(paula.email(), "127.0.0.1"));
        }
        JsonNode last = create(withPassword, "the hundredth");

        Api.Reply oneTooMany = withPassword.post("/api/tokens", Map.of("name", "one too many"));

        assertThat(oneTooMany.status()).as(oneTooMany.body()).isEqualTo(422);
        assertThat(oneTooMany.json().get("detail").asText()).contains("revoke");
        assertThat(list(withPassword.get("/api/tokens"))).hasSize(ApiToken.MAX_PER_PROFILE);
        assertThat(withPassword.delete("/api/tokens/" + last.get("id").asLong()).status()).isEqualTo(204);
        assertThat(withPassword.post("/api/tokens", Map.of("name", "room again")).status()).isEqualTo(201);
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinute() {
        JsonNode created = create(withPassword, "poller");
        long id = created.get("id").asLong();
        Api withToken = api.withToken(created.get("token").asText());

        withToken.get("/api/profile");
        Instant first = lastUsed(id);
        withToken.get("/api/profile");
        assertThat(lastUsed(id)).as("a second call within the minute writes nothing").isEqualTo(first);

        // two minutes before the application's own "now" as it wrote it, not the test's: no second clock to drift
        jdbc.update("update api_token set last_used_at = ? where id = ?",
                Timestamp.from(first.minus(2, ChronoUnit.MINUTES)), id);
        withToken.get("/api/profile");
        assertThat(lastUsed(id)).isAfterOrEqualTo(first);
    }

    private Instant lastUsed(long id) {
        return jdbc.queryForObject("select last_used_at from api_token where id = ?", Timestamp.class, id).toInstant();
    }

    private static JsonNode create(Api withPassword, String name) {
        Api.Reply created = withPassword.post("/api/tokens", Map.of("name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static List<JsonNode> list(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false).toList();
    }
}
