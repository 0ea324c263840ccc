package net.hosting.accounttransfer.profile.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import net.hosting.accounttransfer.profile.ApiToken;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileSignIn;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;
import net.hosting.accounttransfer.support.CustomerPages;
import net.hosting.accounttransfer.support.HtmlPage;

/** The profile page lists, creates (showing the token once) and revokes API tokens, in the reader's language. */
class ProfileTokensPageTests extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProfileSignIn signIn;

    CustomerPages pages;
    Profile claire;

    @BeforeEach
    void pageAndPerson() {
        pages = new CustomerPages(context, signIn);
        claire = fixtures.customer("Claire", Profile.Language.FR);
    }

    @Test
    void aTokenMadeOnThePageIsShownOnceWorksOnTheApiAndIsRevokedThere() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MvcResult created = pages.perform(post("/profile/tokens").with(pages.as(claire)).with(csrf()).session(session)
                .param("name", "sauvegarde")).andReturn();
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/profile#tokens-title");

        HtmlPage shown = HtmlPage.of(pages.perform(get("/profile").with(pages.as(claire)).session(session)
                .flashAttrs(created.getFlashMap())).andReturn(), 200);
        String token = shown.text("//code[@id='new-token-value']");
        assertThat(token).matches("at_[A-Za-z0-9_-]{43}");
        assertThat(shown.text("//div[@id='new-token']")).contains("sauvegarde").contains("affiché que cette fois");
        assertThat(shown.text("//table[contains(@class,'tokens')]//th[@scope='row']")).isEqualTo("sauvegarde");
        assertThat(api.withToken(token).get("/api/profile").status()).isEqualTo(200);

        HtmlPage again = HtmlPage.of(pages.perform(get("/profile").with(pages.as(claire))).andReturn(), 200);
        assertThat(again.has("//code[@id='new-token-value']")).as("shown only once").isFalse();
        assertThat(again.source()).doesNotContain(token);
        String id = again.text("//tr/@data-token-id");

        MvcResult revoked = pages.perform(post("/profile/tokens/" + id + "/revoke").with(pages.as(claire)).with(csrf()))
                .andReturn();
        assertThat(revoked.getResponse().getRedirectedUrl()).isEqualTo("/profile#tokens-title");
        assertThat(revoked.getFlashMap().get("notice")).isEqualTo("profile.token.revoked");
        assertThat(api.withToken(token).get("/api/profile").status()).isEqualTo(401);
        HtmlPage none = HtmlPage.of(pages.perform(get("/profile").with(pages.as(claire))).andReturn(), 200);
        assertThat(none.text("//section[h2[@id='tokens-title']]")).contains("Vous n’avez aucun jeton d’API.");
    }

    @Test
    void aNamelessOrTooLongTokenIsRefusedBesideTheFieldAndNothingIsMade() throws Exception {
        HtmlPage blank = HtmlPage.of(pages.perform(post("/profile/tokens").with(pages.as(claire)).with(csrf())
                .param("name", " "))
                .andReturn(), 422);
        HtmlPage tooLong = HtmlPage.of(pages.perform(post("/profile/tokens").with(pages.as(claire)).with(csrf())
                .param("name", "x".repeat(ApiToken.MAX_NAME_LENGTH + 1))).andReturn(), 422);

        assertThat(blank.text("//p[@id='token-name-error']")).isEqualTo("Donnez un nom au jeton.");
        assertThat(tooLong.text("//p[@id='token-name-error']")).contains(String.valueOf(ApiToken.MAX_NAME_LENGTH));
        assertThat(tooLong.text("//input[@id='token-name']/@value")).hasSize(ApiToken.MAX_NAME_LENGTH + 1);
        assertThat(tooLong.has("//table[contains(@class,'tokens')]")).isFalse();
    }

    @Test
    void anotherProfilesTokenCannotBeRevokedFromThePage() throws Exception {
        Profile denis = fixtures.customer("Denis", Profile.Language.EN);
        pages.perform(post("/profile/tokens").with(pages.as(denis)).with(csrf()).param("name", "his"));
        String his = HtmlPage.of(pages.perform(get("/profile").with(pages.as(denis))).andReturn(), 200)
                .text("//tr/@data-token-id");

        MvcResult attempt = pages.perform(post("/profile/tokens/" + his + "/revoke").with(pages.as(claire))
                .with(csrf()))
                .andReturn();

        assertThat(attempt.getFlashMap().get("problem")).isEqualTo("profile.token.error.notFound");
        assertThat(HtmlPage.of(pages.perform(get("/profile").with(pages.as(denis))).andReturn(), 200)
                .text("//tr/@data-token-id"))
                .isEqualTo(his);
    }
}
