package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * S2: Camunda's first-user setup ({@code /camunda/api/admin/setup/...}) is never reachable, not even in the moment
 * the staff group is empty, which is when Camunda itself would let a stranger create the first administrator.
 */
class CamundaSetupIntegrationTests extends IntegrationTest {

    private static final String SETUP = "/camunda/api/admin/setup/default/user/create";

    @Autowired
    private IdentityService identity;

    @Test
    void theSetupEndpointIsClosedWhileAStaffUserExists() throws Exception {
        assertThat(createFirstAdmin("mallory1").statusCode()).isIn(403, 404);
        assertThat(identity.createUserQuery().userId("mallory1").count()).isZero();
    }

    @Test
    void theSetupEndpointStaysClosedEvenWhenTheStaffGroupIsEmpty() throws Exception {
        identity.deleteMembership("admin", Groups.CAMUNDA_ADMIN);
        try {
            HttpResponse<String> response = createFirstAdmin("mallory2");

            assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
            assertThat(identity.createUserQuery().userId("mallory2").count()).isZero();
        } finally {
            identity.createMembership("admin", Groups.CAMUNDA_ADMIN);
            if (identity.createUserQuery().userId("mallory2").count() > 0) {
                identity.deleteUser("mallory2");
            }
        }
    }

    /** What a stranger does: fetch the admin app for its CSRF cookie, then post the first user. */
    private HttpResponse<String> createFirstAdmin(String id) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        http.send(HttpRequest.newBuilder(uri("/camunda/app/admin/default/setup/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("none");
        String body = "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@example.test\"},"
                + "\"credentials\":{\"password\":\"Mallory-pw-123\"}}";
        return http.send(HttpRequest.newBuilder(uri(SETUP)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrf).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
