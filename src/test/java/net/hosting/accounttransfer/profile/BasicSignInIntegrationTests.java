package net.hosting.accounttransfer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** HTTP Basic keeps working with the password checked once, and a password change takes effect on the next call. */
class BasicSignInIntegrationTests extends IntegrationTest {

    @Test
    void aChangedPasswordStopsWorkingAtOnceThoughItWasJustRemembered() {
        Profile rita = fixtures.customer("Rita", Profile.Language.EN);
        Api withOld = api.as(rita.email(), Fixtures.PASSWORD);
        for (int call = 0; call < 3; call++) {
            assertThat(withOld.get("/api/profile").status()).isEqualTo(200);
        }

        Api.Reply changed = withOld.patch("/api/profile",
                Map.of("password", "another-horse-2", "currentPassword", Fixtures.PASSWORD));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(withOld.get("/api/profile").status()).isEqualTo(401);
        assertThat(api.as(rita.email(), "another-horse-2").get("/api/profile").status()).isEqualTo(200);
        assertThat(withOld.get("/api/profile").status()).as("still refused after the new one was remembered")
                .isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedEvenRightAfterTheRightOne() {
        Profile sam = fixtures.customer("Sam", Profile.Language.FR);
        assertThat(api.as(sam.email(), Fixtures.PASSWORD).get("/api/profile").status()).isEqualTo(200);

        Api.Reply wrong = api.as(sam.email(), Fixtures.PASSWORD + "x").get("/api/profile");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }
}
