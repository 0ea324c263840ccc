package net.hosting.accounttransfer.transfer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.infrastructure.Paging;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.ProfileSignIn;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferService;
import net.hosting.accounttransfer.transfer.TransferStatus;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;
import net.hosting.accounttransfer.support.CustomerPages;
import net.hosting.accounttransfer.support.HtmlPage;

/**
 * The customer pages' forms through the real security filter chain, in the shared integration context (MockMvc
 * is built on it, not auto-configured, so no second context starts): errors beside their field, CSRF, pages
 * that are not the reader's, and accept-link tokens that must not work (T13).
 */
class CustomerPagesFormTests extends FixedDateIntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    TransferService transfers;

    @Autowired
    ProfileService profiles;

    @Autowired
    ProfileSignIn signIn;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    BillingCalendar calendar;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    org.springframework.context.MessageSource messages;

    CustomerPages pages;
    Profile alice;
    Profile bob;
    Account aliceSite;

    @BeforeEach
    void pagesAndPeople() {
        pages = new CustomerPages(context, signIn);
        alice = fixtures.customer("Alice", Profile.Language.FR);
        bob = fixtures.customer("Bob", Profile.Language.EN);
        // a €9.99 month [2028-02-19, 2028-03-19), 29 days long, of which 19 are left on 2028-02-29
        aliceSite = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, LocalDate.parse("2028-02-19"));
    }

    // --- validation: errors beside the field, nothing typed is lost

    @Test
    void transferFormShowsEachErrorBesideItsFieldAndKeepsWhatWasTyped() throws Exception {
        Account aliceShop = fixtures.paidAccount(alice, "119.88", BillingCycle.YEARLY, 100);
        List<String> names = List.of(aliceSite.name(), aliceShop.name()).stream().sorted().toList();

        HtmlPage page = HtmlPage.of(pages.perform(post("/accounts/transfer/preview").with(pages.as(alice)).with(csrf())
                .param("choices[0].account", names.get(0)).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", "not-an-email")
                .param("choices[1].account", names.get(1)).param("choices[1].selected", "true")
                .param("choices[1].recipientEmail", alice.email().toUpperCase()))
                .andReturn(), 422);

        assertThat(page.text("//input[@id='email-0']/@aria-describedby")).isEqualTo("email-0-error");
        assertThat(page.text("//input[@id='email-0']/@aria-invalid")).isEqualTo("true");
        assertThat(page.text("//p[@id='email-0-error']")).contains("not-an-email").contains("n’est pas une adresse email");
        assertThat(page.text("//input[@id='email-0']/@value")).isEqualTo("not-an-email");
        assertThat(page.text("//p[@id='email-1-error']")).contains("votre propre email");
        assertThat(page.text("//input[@id='email-1']/@value")).isEqualTo(alice.email().toUpperCase());
        assertThat(page.has("//input[@id='choice-0' and @checked]")).isTrue();
        assertThat(page.has("//input[@id='choice-1' and @checked]")).isTrue();
        assertThat(page.text("//p[@id='mode-error']")).contains("Choisissez la facturation");
        assertThat(page.text("//html/@lang")).isEqualTo("fr");
        assertThat(transfers.sent(alice.id(), Paging.of(null, null)).getContent()).isEmpty();
    }

    @Test
    void transferFormSaysWhenNoAccountIsChosen() throws Exception {
        HtmlPage page = HtmlPage.of(pages.perform(post("/accounts/transfer/preview").with(pages.as(alice)).with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].recipientEmail", bob.email())
                .param("billingMode", "IMMEDIATE")).andReturn(), 422);

        assertThat(page.text("//p[@id='choices-error']")).contains("Cochez au moins un compte");
        assertThat(page.text("//fieldset[contains(@class,'choices')]/@aria-describedby")).isEqualTo("choices-error");
        assertThat(page.text("//input[@id='email-0']/@value")).isEqualTo(bob.email());
        assertThat(page.has("//input[@id='mode-immediate' and @checked]")).isTrue();
    }

    @Test
    void transferFormRefusesAnAccountThatAlreadyHasAPendingTransfer() throws Exception {
        start(aliceSite, bob.email());
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);

        HtmlPage page = HtmlPage.of(pages.perform(post("/accounts/transfer/preview").with(pages.as(alice)).with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", carol.email()).param("billingMode", "AT_RENEWAL"))
                .andReturn(), 422);

        assertThat(page.text("//p[@id='choice-0-error']")).contains("déjà en attente").contains(bob.email());
        assertThat(page.text("//input[@id='choice-0']/@aria-describedby")).contains("choice-0-error");
        assertThat(page.text("//input[@id='email-0']/@value")).isEqualTo(carol.email());
        assertThat(transfers.sent(alice.id(), Paging.of(null, null)).getContent()).hasSize(1);
    }

    @Test
    void previewShowsWhatEachSidePaysAndStartsNothingUntilConfirmed() throws Exception {
        HtmlPage preview = HtmlPage.of(pages.perform(post("/accounts/transfer/preview").with(pages.as(alice))
                .with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", bob.email()).param("billingMode", "IMMEDIATE"))
                .andReturn(), 200);

        assertThat(preview.text("//tr[@data-account='" + aliceSite.name() + "']//td[@class='charge']/data/@value"))
                .isEqualTo("11.99");
        assertThat(preview.text("//tr[@data-account='" + aliceSite.name() + "']//td[@class='charge']/span[@class='tax-detail']"))
                .isEqualTo("(9,99\u00a0€ HT + TVA 20\u00a0% 2,00\u00a0€)");
        assertThat(preview.text("//tr[@data-account='" + aliceSite.name() + "']//td[@class='refund']/data/@value"))
                .matches("\\d+\\.\\d\\d");
        assertThat(transfers.sent(alice.id(), Paging.of(null, null)).getContent()).isEmpty();

        String key = preview.text("//input[@name='choices[0].key']/@value");
        assertThat(key).startsWith("page:");
        RequestBuilder confirm = post("/accounts/transfer/confirm").with(pages.as(alice)).with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", bob.email()).param("choices[0].key", key)
                .param("billingMode", "IMMEDIATE");
        MvcResult first = pages.perform(confirm).andReturn();
        MvcResult twice = pages.perform(confirm).andReturn();

        assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/transfers#sent");
        // the second press of "Confirm" (a double click, a reload) finds the transfer the first one started
        assertThat(twice.getResponse().getRedirectedUrl()).isEqualTo("/transfers#sent");
        assertThat(transfers.sent(alice.id(), Paging.of(null, null)).getContent()).singleElement()
                .satisfies(t -> assertThat(t.recipientEmail()).isEqualTo(bob.email()));
    }

    @Test
    void aPeriodPaidByAPreviousHolderIsPreviewedAsTheirRefundAndNotTheSenders() throws Exception {
        // B9: Alice paid the month and handed the site to Bob at renewal; Bob now offers it to Carol on acceptance
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);
        Transfer toBob = transfers.start(alice.id(), new TransferService.StartRequest(aliceSite.name(), bob.email(),
                BillingMode.AT_RENEWAL), null, new Actor(alice.email(), "127.0.0.1")).transfer();
        transfers.accept(toBob.id(), bob.id(), new Actor(bob.email(), "127.0.0.1"));
        // B4 over Alice's invoice, by hand: 9.99 × 19 / 29 = 6.5452 → 6.55 net, at its 20%: 1.31 VAT, 7.86 back
        String refund = "7.86";

        HtmlPage preview = HtmlPage.of(pages.perform(post("/accounts/transfer/preview").with(pages.as(bob)).with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", carol.email()).param("billingMode", "IMMEDIATE"))
                .andReturn(), 200);

        String cell = "//tr[@data-account='" + aliceSite.name() + "']//td[@class='refund']";
        assertThat(preview.text(cell + "/data/@value")).isEqualTo("0");
        assertThat(preview.text(cell + "//p[contains(@class,'previous-payer')]"))
                .contains("paid by a previous holder").doesNotContain(alice.email(), alice.name());
        assertThat(preview.text(cell + "//p[contains(@class,'previous-payer')]/data/@value")).isEqualTo(refund);

        Transfer toCarol = transfers.start(bob.id(), new TransferService.StartRequest(aliceSite.name(), carol.email(),
                BillingMode.IMMEDIATE), null, new Actor(bob.email(), "127.0.0.1")).transfer();
        HtmlPage card = HtmlPage.of(pages.perform(get("/transfers/" + toCarol.id()).with(pages.as(carol)))
                .andReturn(), 200);
        assertThat(card.text("//dd[@class='refund']/data/@value")).isEqualTo("0");
        assertThat(card.text("//dd[@class='refund']//span[@class='previous-payer']/data/@value")).isEqualTo(refund);

        HtmlPage history = HtmlPage.of(pages.perform(get("/history").with(pages.as(alice))).andReturn(), 200);
        assertThat(history.text("//section[@aria-labelledby='invoices']/p[@class='hint']"))
                .contains("cédé à échéance est cédé à nouveau avant cette date");
    }

    @Test
    void signUpShowsPasswordErrorsBesideTheFieldAndCreatesNothing() throws Exception {
        String visitor = "dave-" + Fixtures.unique() + "@example.test";
        Transfer transfer = start(aliceSite, visitor);
        String token = tokenMailedTo(visitor, transfer);

        HtmlPage form = signUpForm(transfer, token);
        assertThat(form.text("//input[@id='email']/@value")).isEqualTo(visitor);
        assertThat(form.has("//input[@id='email' and @readonly]")).isTrue();
        assertThat(form.has("//input[@id='email' and @name]")).as("the email is not a field one can send").isFalse();

        HtmlPage refused = HtmlPage.of(pages.perform(post("/signup").with(csrf()).header("Accept-Language", "en")
                .param("transfer", transfer.id().toString()).param("token", token).param("name", "Dave")
                .param("locale", "en").param("password", "short").param("passwordConfirmation", "short"))
                .andReturn(), 422);
        assertThat(refused.text("//p[@id='password-error']")).contains("at least 8 characters");
        assertThat(refused.text("//input[@id='password']/@aria-describedby")).contains("password-error");
        assertThat(refused.text("//input[@id='name']/@value")).isEqualTo("Dave");

        HtmlPage mismatch = HtmlPage.of(pages.perform(post("/signup").with(csrf()).header("Accept-Language", "en")
                .param("transfer", transfer.id().toString()).param("token", token).param("name", "")
                .param("locale", "en").param("password", "long-enough-1").param("passwordConfirmation", "other-one-2"))
                .andReturn(), 422);
        assertThat(mismatch.text("//p[@id='passwordConfirmation-error']")).contains("differ");
        assertThat(mismatch.text("//p[@id='name-error']")).contains("Enter your name");

        assertThat(profiles.findByEmail(visitor)).isEmpty();
    }

    private HtmlPage signUpForm(Transfer transfer, String token) throws Exception {
        return HtmlPage.of(pages.perform(get("/signup").param("transfer", transfer.id().toString())
                .param("token", token).header("Accept-Language", "en")).andReturn(), 200);
    }

    /** The page's limit is the profile's own: an address of 501 characters is refused beside the address. */
    @Test
    void signUpRefusesAnAddressLongerThanTheProfileKeepsBesideTheAddress() throws Exception {
        String visitor = "erin-" + Fixtures.unique() + "@example.test";
        Transfer transfer = start(aliceSite, visitor);
        String token = tokenMailedTo(visitor, transfer);

        HtmlPage form = signUpForm(transfer, token);
        assertThat(form.text("//textarea[@id='address']/@maxlength")).isEqualTo("500");

        HtmlPage refused = HtmlPage.of(pages.perform(post("/signup").with(csrf()).header("Accept-Language", "en")
                .param("transfer", transfer.id().toString()).param("token", token).param("name", "Erin")
                .param("address", "x".repeat(Profile.MAX_ADDRESS_LENGTH + 1)).param("locale", "en")
                .param("password", "long-enough-1").param("passwordConfirmation", "long-enough-1"))
                .andReturn(), 422);
        assertThat(refused.text("//p[@id='address-error']")).isEqualTo("At most 500 characters, please.");
        assertThat(refused.has("//p[@id='name-error']")).isFalse();
        assertThat(profiles.findByEmail(visitor)).isEmpty();
    }

    /** The preview asks the service's own check, which says in the reader's language why an account cannot go. */
    @Test
    void thePreviewRefusesWhatTheStartWouldRefuseInTheReadersLanguage() throws Exception {
        transaction.executeWithoutResult(status -> {
            Subscription subscription = subscriptions.findActiveByAccount(aliceSite.id()).orElseThrow();
            subscription.close(calendar.now(), Subscription.CloseReason.CANCELLED);
            subscriptions.save(subscription);
        });

        HtmlPage page = HtmlPage.of(pages.perform(post("/accounts/transfer/preview").with(pages.as(alice)).with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", bob.email()).param("billingMode", "IMMEDIATE"))
                .andReturn(), 422);

        // alice reads French
        assertThat(page.text("//p[@id='choice-0-error']"))
                .isEqualTo("L’abonnement de ce compte n’est pas actif : il ne peut pas être cédé.");
        assertThat(transfers.sent(alice.id(), Paging.of(null, null)).getContent()).isEmpty();
    }

    @Test
    void profileAndTicketFormsShowTheirErrorsBesideTheField() throws Exception {
        HtmlPage details = HtmlPage.of(pages.perform(post("/profile").with(pages.as(bob)).with(csrf())
                .param("email", "bob-at-nowhere").param("name", "Bob").param("locale", "en")).andReturn(), 422);
        assertThat(details.text("//p[@id='email-error']")).contains("email address");
        assertThat(details.text("//input[@id='email']/@aria-describedby")).isEqualTo("email-error");

        // V3: 97 − (01234567 mod 97) = 49, not 48; the service judges, the page puts it beside the field
        HtmlPage vat = HtmlPage.of(pages.perform(post("/profile").with(pages.as(bob)).with(csrf())
                .param("email", bob.email()).param("name", "Bob").param("locale", "en").param("country", "BE")
                .param("vatNumber", "BE0123456748")).andReturn(), 422);
        assertThat(vat.text("//p[@id='vatNumber-error']")).contains("not a valid VAT number");
        assertThat(vat.text("//input[@id='vatNumber']/@value")).isEqualTo("BE0123456748");
        assertThat(vat.text("//select[@id='country']/option[@selected]/@value")).isEqualTo("BE");

        HtmlPage password = HtmlPage.of(pages.perform(post("/profile/password").with(pages.as(bob)).with(csrf())
                .param("currentPassword", "not-my-password").param("newPassword", "brand-new-pass")
                .param("confirmation", "brand-new-pass")).andReturn(), 422);
        assertThat(password.text("//p[@id='currentPassword-error']")).contains("not your current password");

        HtmlPage ticket = HtmlPage.of(pages.perform(post("/history/tickets").with(pages.as(bob)).with(csrf())
                .param("subject", " ").param("message", "Hello").param("account", aliceSite.name())).andReturn(), 422);
        assertThat(ticket.text("//p[@id='subject-error']")).contains("subject");
        assertThat(ticket.text("//p[@id='account-error']")).as("Bob does not own Alice's account")
                .contains("one of your accounts");
        assertThat(ticket.text("//textarea[@id='message']")).isEqualTo("Hello");
    }

    // --- issue 19: the pages make no rule of their own; every rule the service finds shows beside its field

    @Test
    void theProfileFormShowsEveryRuleTheServiceBreaksAtOnce() throws Exception {
        HtmlPage page = HtmlPage.of(pages.perform(post("/profile").with(pages.as(bob)).with(csrf())
                .param("email", bob.email()).param("name", " ").param("locale", "en").param("country", "BE")
                .param("vatNumber", "BE0123456748")).andReturn(), 422);

        assertThat(page.text("//p[@id='name-error']")).contains("Enter your name");
        assertThat(page.text("//p[@id='vatNumber-error']")).contains("not a valid VAT number");
        assertThat(profiles.get(bob.id()).country()).isEqualTo("FR");
    }

    /** A password longer than BCrypt reads gets the API's refusal, and the other rules broken show with it. */
    @Test
    void signUpRefusesAPasswordOverTheBytesBcryptReadsAsTheApiDoesAndEveryOtherRuleWithIt() throws Exception {
        String visitor = "gus-" + Fixtures.unique() + "@example.test";
        Transfer transfer = start(aliceSite, visitor);
        String token = tokenMailedTo(visitor, transfer);
        String tooLong = "é".repeat(Profile.MAX_PASSWORD_BYTES / 2 + 1);

        HtmlPage refused = HtmlPage.of(pages.perform(post("/signup").with(csrf()).header("Accept-Language", "en")
                .param("transfer", transfer.id().toString()).param("token", token).param("name", "Gus")
                .param("address", "x".repeat(Profile.MAX_ADDRESS_LENGTH + 1)).param("locale", "en")
                .param("password", tooLong).param("passwordConfirmation", tooLong)).andReturn(), 422);

        assertThat(refused.text("//p[@id='password-error']")).isEqualTo(apiRefusalOfPassword(tooLong));
        assertThat(refused.text("//p[@id='address-error']")).isEqualTo("At most 500 characters, please.");
        assertThat(profiles.findByEmail(visitor)).isEmpty();
    }

    @Test
    void thePasswordFormShowsTheServicesRulesBesideItsOwnQuestion() throws Exception {
        String tooLong = "é".repeat(Profile.MAX_PASSWORD_BYTES / 2 + 1);

        HtmlPage both = HtmlPage.of(pages.perform(post("/profile/password").with(pages.as(bob)).with(csrf())
                .param("currentPassword", "not-my-password").param("newPassword", tooLong)
                .param("confirmation", tooLong)).andReturn(), 422);
        HtmlPage mistyped = HtmlPage.of(pages.perform(post("/profile/password").with(pages.as(bob)).with(csrf())
                .param("currentPassword", Fixtures.PASSWORD).param("newPassword", "short")
                .param("confirmation", "shorter")).andReturn(), 422);

        assertThat(both.text("//p[@id='currentPassword-error']")).contains("not your current password");
        assertThat(both.text("//p[@id='newPassword-error']")).isEqualTo(apiRefusalOfPassword(tooLong));
        assertThat(mistyped.text("//p[@id='confirmation-error']")).contains("differ");
        assertThat(mistyped.text("//p[@id='newPassword-error']")).contains("at least 8 characters");
        assertThat(mistyped.has("//p[@id='currentPassword-error']")).isFalse();
        assertThat(api.as(bob.email(), Fixtures.PASSWORD).get("/api/profile").status()).as("unchanged").isEqualTo(200);
    }

    @Test
    void aDeclineReasonTheServiceRefusesShowsBesideTheReasonAndTheOfferStaysOpen() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());

        MvcResult refused = pages.perform(post("/transfers/" + transfer.id() + "/decline").with(pages.as(bob))
                .with(csrf()).param("reason", "Not\u0000 for me")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(refused.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("id=\"reason-" + transfer.id() + "-error\"").contains("control character");
        assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
    }

    /** One computation of the expiry: the preview shows what the service gives a transfer started now. */
    @Test
    void thePreviewPromisesTheExpiryTheStartedTransferGets() throws Exception {
        MvcResult preview = pages.perform(post("/accounts/transfer/preview").with(pages.as(alice)).with(csrf())
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", bob.email()).param("billingMode", "IMMEDIATE")).andReturn();
        java.time.Instant promised = (java.time.Instant) preview.getModelAndView().getModel().get("expiresAt");

        Transfer started = start(aliceSite, bob.email());

        // the clock runs between the two requests, never backwards
        assertThat(Duration.between(promised, started.expiresAt())).isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }

    /** The page's words for the reason the API gives when a profile sets {@code password}. */
    private String apiRefusalOfPassword(String password) {
        Profile hugo = fixtures.customer("Hugo", Profile.Language.EN);
        com.fasterxml.jackson.databind.JsonNode problem = api.as(hugo.email(), Fixtures.PASSWORD).patch("/api/profile",
                java.util.Map.of("password", password, "currentPassword", Fixtures.PASSWORD)).json();
        assertThat(problem.get("reason").asText()).isEqualTo("PASSWORD_TOO_LONG");
        return messages.getMessage("rule." + problem.get("reason").asText(),
                new Object[] {Profile.MAX_PASSWORD_BYTES}, java.util.Locale.ENGLISH);
    }

    @Test
    void aPlanIsNamedWithItsPeriodInTheReadersLanguage() throws Exception {
        Account yearly = fixtures.paidAccount(alice, "119.88", BillingCycle.YEARLY, 100);
        MockHttpSession session = (MockHttpSession) pages.perform(signIn(alice, new MockHttpSession())).andReturn()
                .getRequest().getSession();

        HtmlPage accounts = HtmlPage.of(pages.perform(get("/").session(session)).andReturn(), 200);
        String row = accounts.text("//tr[@data-account='" + yearly.name() + "']");
        assertThat(row).contains("Cloud S", "119,88", "Annuel").doesNotContainIgnoringCase("yearly");
        HtmlPage choose = HtmlPage.of(pages.perform(get("/accounts/transfer").session(session)).andReturn(), 200);
        assertThat(choose.text("//div[@data-account='" + yearly.name() + "']")).contains("Cloud S", "par an")
                .doesNotContainIgnoringCase("year");
    }

    @Test
    void aProfileChangeShowsAtOnceWhileEarlierInvoicesKeepTheirBillingIdentity() throws Exception {
        Account bobBlog = fixtures.paidAccount(bob, "4.99", BillingCycle.MONTHLY, 3);
        MockHttpSession session = (MockHttpSession) pages.perform(signIn(bob, new MockHttpSession())).andReturn()
                .getRequest().getSession();
        String newEmail = "robert-" + Fixtures.unique() + "@example.test";

        MvcResult saved = pages.perform(post("/profile").session(session).with(csrf()).param("email", newEmail)
                .param("currentPassword", Fixtures.PASSWORD)
                .param("name", "Robert Martin").param("company", "Martin SARL").param("address", "2 rue Neuve")
                .param("locale", "fr")).andReturn();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        assertThat(saved.getFlashMap().get("notice")).isEqualTo("profile.emailConfirmationSent");

        HtmlPage history = HtmlPage.of(pages.perform(get("/history").session(session)).andReturn(), 200);
        assertThat(history.text("//html/@lang")).as("the new language, at once").isEqualTo("fr");
        assertThat(history.text("//header//span[@class='who']")).as("the email waits for its link")
                .isEqualTo(bob.email());
        HtmlPage profile = HtmlPage.of(pages.perform(get("/profile").session(session)).andReturn(), 200);
        assertThat(profile.text("//p[@id='pending-email']")).contains(newEmail);

        // the link mailed to the new address, opened in the same session
        String link = mailbox.awaitMail(newEmail, "Confirmez").linkPath();
        MvcResult confirmed = pages.perform(get(link).session(session)).andReturn();
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        assertThat(confirmed.getFlashMap().get("notice")).isEqualTo("profile.emailConfirmed");

        history = HtmlPage.of(pages.perform(get("/history").session(session)).andReturn(), 200);
        assertThat(history.text("//header//span[@class='who']")).as("the session follows the new email")
                .isEqualTo(newEmail);
        String issued = "//table[contains(@class,'invoices')]//tr[td[.='" + bobBlog.name() + "']]/td[@class='identity']";
        assertThat(history.text(issued)).as("an invoice keeps the identity it was issued to")
                .contains(bob.email()).contains("Bob").doesNotContain("Robert");
        assertThat(history.text("//table[contains(@class,'activity')]")).contains("Profil modifié")
                .contains("Changement d’email demandé").as("the facts, told in French").contains("vers " + newEmail);
        assertThat(profiles.findByEmail(newEmail)).hasValueSatisfying(p -> assertThat(p.company())
                .isEqualTo("Martin SARL"));

        MvcResult again = pages.perform(get(link).session(session)).andReturn();
        assertThat(again.getFlashMap().get("problem")).as("single use").isEqualTo("profile.emailLinkInvalid");
        assertThat(profiles.findByEmail(newEmail)).isPresent();
    }

    @Test
    void renamingOnTheProfilePageToTheRecipientsAddressNeitherShowsNorHandsTheOffer() throws Exception {
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);
        String dave = "dave-" + Fixtures.unique() + "@example.test";
        Transfer transfer = start(aliceSite, dave);
        MockHttpSession session = (MockHttpSession) pages.perform(signIn(carol, new MockHttpSession())).andReturn()
                .getRequest().getSession();

        HtmlPage withoutPassword = HtmlPage.of(pages.perform(post("/profile").session(session).with(csrf())
                .header("Accept-Language", "en").param("email", dave).param("name", "Carol").param("locale", "en"))
                .andReturn(), 422);
        assertThat(withoutPassword.text("//p[@id='emailCurrentPassword-error']")).contains("current password");
        assertThat(withoutPassword.text("//input[@id='email']/@value")).isEqualTo(dave);

        MvcResult renamed = pages.perform(post("/profile").session(session).with(csrf()).param("email", dave)
                .param("currentPassword", Fixtures.PASSWORD).param("name", "Carol").param("locale", "en")).andReturn();

        assertThat(renamed.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        assertThat(profiles.findByEmail(carol.email())).isPresent();
        assertThat(profiles.findByEmail(dave)).isEmpty();
        HtmlPage.of(pages.perform(get("/transfers/" + transfer.id()).session(session)).andReturn(), 404);
        HtmlPage tab = HtmlPage.of(pages.perform(get("/transfers").session(session)).andReturn(), 200);
        assertThat(tab.source()).doesNotContain(transfer.id().toString()).doesNotContain(aliceSite.name());
        HtmlPage.of(pages.perform(post("/transfers/" + transfer.id() + "/accept").session(session)
                .with(csrf())).andReturn(), 404);
        assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);

        // another profile's link, or one made up, changes nothing and says so
        MvcResult madeUp = pages.perform(get("/profile/email/confirm").param("token", "A".repeat(43)).session(session))
                .andReturn();
        assertThat(madeUp.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        assertThat(madeUp.getFlashMap().get("problem")).isEqualTo("profile.emailLinkInvalid");
        assertThat(profiles.findByEmail(carol.email())).isPresent();
    }

    @Test
    void aFailedSignInSaysSoAndKeepsTheTypedEmail() throws Exception {
        MvcResult failed = pages.perform(formLogin("/login").user(bob.email()).password("wrong-password")).andReturn();
        assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");

        HtmlPage page = HtmlPage.of(pages.perform(get("/login").param("error", "")
                .session((MockHttpSession) failed.getRequest().getSession()).header("Accept-Language", "en"))
                .andReturn(), 200);
        assertThat(page.text("//p[@id='login-error']")).contains("Wrong email or password");
        assertThat(page.text("//input[@id='username']/@value")).isEqualTo(bob.email());
        assertThat(page.text("//input[@id='username']/@aria-describedby")).isEqualTo("login-error");
    }

    // --- CSRF

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRejectedAndChangesNothing() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());

        assertThat(pages.perform(post("/transfers/" + transfer.id() + "/accept").with(pages.as(bob)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(pages.perform(post("/transfers/" + transfer.id() + "/cancel").with(pages.as(alice))
                .with(csrf().useInvalidToken())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(pages.perform(post("/accounts/transfer/confirm").with(pages.as(alice))
                .param("choices[0].account", aliceSite.name()).param("choices[0].selected", "true")
                .param("choices[0].recipientEmail", bob.email()).param("billingMode", "IMMEDIATE"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);

        assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
        assertThat(transfers.sent(alice.id(), Paging.of(null, null)).getContent()).hasSize(1);
    }

    @Test
    void aDecisionWhileStaffHaveSuspendedTheProcessSaysSoAndChangesNothing() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());
        runtime.suspendProcessInstanceById(transfer.processInstanceId());
        try {
            MvcResult accepted = pages.perform(post("/transfers/" + transfer.id() + "/accept").with(pages.as(bob))
                    .with(csrf()))
                    .andReturn();
            MvcResult cancelled = pages.perform(post("/transfers/" + transfer.id() + "/cancel")
                    .with(pages.as(alice)).with(csrf()))
                    .andReturn();

            for (MvcResult result : List.of(accepted, cancelled)) {
                assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/transfers/" + transfer.id());
                assertThat(result.getFlashMap().get("problem")).isEqualTo("transfer.error.processNotWaiting");
            }
            assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
        } finally {
            runtime.activateProcessInstanceById(transfer.processInstanceId());
        }
    }

    // --- pages that are not the reader's

    @Test
    void aProfileThatIsNeitherSenderNorRecipientGetsNotFound() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);

        HtmlPage page = HtmlPage.of(pages.perform(get("/transfers/" + transfer.id()).with(pages.as(carol)))
                .andReturn(), 404);
        assertThat(page.text("//h1")).isEqualTo("Page not found");
        assertThat(page.source()).doesNotContain(aliceSite.name()).doesNotContain(bob.email());

        assertThat(pages.perform(post("/transfers/" + transfer.id() + "/accept").with(pages.as(carol)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(pages.perform(get("/transfers/not-a-transfer").with(pages.as(carol))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
    }

    @Test
    void anotherProfileHoldingAValidLinkIsToldWhoMustSignInAndCannotAct() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());
        String token = tokenMailedTo(bob.email(), transfer);
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);

        // the link already shows the offer to whoever holds it, so a wrong sign-in learns nothing more from it
        HtmlPage page = HtmlPage.of(pages.perform(get("/transfers/" + transfer.id() + "?token=" + token)
                .with(pages.as(carol)))
                .andReturn(), 200);
        assertThat(page.text("//p[contains(@class,'problem')]")).contains(carol.email()).contains(bob.email());
        assertThat(page.has("//form[contains(@action,'/accept')]")).isFalse();
        assertThat(pages.perform(post("/transfers/" + transfer.id() + "/accept").with(pages.as(carol)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
    }

    @Test
    void theRecipientSeesTheDecisionFormsAndTheSenderTheCancelButton() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());

        HtmlPage recipient = HtmlPage.of(pages.perform(get("/transfers/" + transfer.id())
                .with(pages.as(bob))).andReturn(), 200);
        assertThat(recipient.has("//form[contains(@action,'/accept')]")).isTrue();
        assertThat(recipient.has("//form[contains(@action,'/decline')]//input[@name='_csrf']")).isTrue();
        assertThat(recipient.text("//label[@for='reason-" + transfer.id() + "']")).contains("optional");
        assertThat(recipient.has("//form[contains(@action,'/cancel')]")).isFalse();
        assertThat(recipient.text("//code[@class='transfer-id']")).isEqualTo(transfer.id().toString());

        HtmlPage sender = HtmlPage.of(pages.perform(get("/transfers/" + transfer.id())
                .with(pages.as(alice))).andReturn(), 200);
        assertThat(sender.has("//form[contains(@action,'/cancel')]")).isTrue();
        assertThat(sender.has("//form[contains(@action,'/accept')]")).isFalse();
        assertThat(sender.text("//html/@lang")).isEqualTo("fr");
    }

    @Test
    void aVisitorWithoutATokenIsSentToSignInAndComesBackAfterwards() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());

        MvcResult anonymous = pages.perform(get("/transfers/" + transfer.id())).andReturn();
        assertThat(anonymous.getResponse().getRedirectedUrl()).endsWith("/login");

        MvcResult signedIn = pages.perform(signIn(bob, (MockHttpSession) anonymous.getRequest().getSession()))
                .andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).contains("/transfers/" + transfer.id());
    }

    @Test
    void aVisitorsLanguageChoiceHoldsForTheRestOfTheVisit() throws Exception {
        MockHttpSession visit = new MockHttpSession();
        HtmlPage chosen = HtmlPage.of(pages.perform(get("/login?lang=en").session(visit)
                .header("Accept-Language", "fr"))
                .andReturn(), 200);
        assertThat(chosen.text("//html/@lang")).isEqualTo("en");

        HtmlPage next = HtmlPage.of(pages.perform(get("/login").session(visit)
                .header("Accept-Language", "fr")).andReturn(), 200);
        assertThat(next.text("//html/@lang")).as("still the visitor's choice, not the browser's").isEqualTo("en");

        HtmlPage otherVisitor = HtmlPage.of(pages.perform(get("/login").header("Accept-Language", "fr"))
                .andReturn(), 200);
        assertThat(otherVisitor.text("//html/@lang")).isEqualTo("fr");
    }

    // --- accept-link tokens (T13)

    @Test
    void aValidTokenShowsTheOfferToAVisitorAndSignInReturnsToIt() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());
        String token = tokenMailedTo(bob.email(), transfer);

        // the token in the address itself, as a mail link has it (MockMvc's param() would not be in the query string)
        MvcResult visit = pages.perform(get("/transfers/" + transfer.id() + "?token=" + token)
                .header("Accept-Language", "en-GB,en;q=0.8")).andReturn();
        HtmlPage page = HtmlPage.of(visit, 200);
        assertThat(page.text("//html/@lang")).isEqualTo("en");
        assertThat(page.text("//h1")).contains(aliceSite.name());
        assertThat(page.text("//a[@id='sign-in']/@href")).isEqualTo("/login");
        assertThat(page.has("//a[@id='sign-up']")).as("Bob has a profile: signing in is his way").isFalse();
        assertThat(page.has("//form[contains(@action,'/accept')]")).isFalse();

        MvcResult signedIn = pages.perform(signIn(bob, (MockHttpSession) visit.getRequest().getSession()))
                .andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl())
                .contains("/transfers/" + transfer.id() + "?token=" + token);
    }

    @Test
    void aTamperedTokenGetsTheInvalidLinkPageAndChangesNothing() throws Exception {
        Transfer transfer = start(aliceSite, bob.email());
        String token = tokenMailedTo(bob.email(), transfer);
        String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        assertInvalidLink(get("/transfers/" + transfer.id()).param("token", tampered));
        assertInvalidLink(get("/transfers/" + transfer.id()).param("token", tampered).with(pages.as(bob)));
        assertInvalidLink(get("/transfers/" + transfer.id()).param("token", ""));
        assertInvalidLink(get("/signup").param("transfer", transfer.id().toString()).param("token", tampered));
        assertInvalidLink(get("/transfers/" + UUID.randomUUID()).param("token", token));

        assertThat(transfers.get(transfer.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
    }

    @Test
    void aTokenReusedAfterTheDecisionIsNoLongerValid() throws Exception {
        String visitor = "erin-" + Fixtures.unique() + "@example.test";
        Transfer declined = start(aliceSite, visitor);
        String token = tokenMailedTo(visitor, declined);
        Profile erin = profiles.register(visitor, Fixtures.PASSWORD, "Erin", null, "", Profile.Language.EN,
                new Actor(visitor, "127.0.0.1"));
        pages.perform(post("/transfers/" + declined.id() + "/decline").with(pages.as(erin)).with(csrf())
                .param("reason", "Not for me"));
        assertThat(transfers.get(declined.id(), alice.id()).status()).isEqualTo(TransferStatus.DECLINED);

        HtmlPage page = assertInvalidLink(get("/transfers/" + declined.id()).param("token", token)
                .with(pages.as(erin)));
        assertThat(page.has("//a[@href='/transfers/" + declined.id() + "']"))
                .as("a party is pointed to the transfer itself").isTrue();
        assertInvalidLink(get("/transfers/" + declined.id()).param("token", token));
        assertInvalidLink(get("/signup").param("transfer", declined.id().toString()).param("token", token));
        assertThat(pages.perform(post("/signup").with(csrf()).param("transfer", declined.id().toString())
                .param("token", token).param("name", "Erin again").param("locale", "en")
                .param("password", "long-enough-1").param("passwordConfirmation", "long-enough-1"))
                .andReturn().getResponse().getStatus()).isEqualTo(404);

        Transfer after = transfers.get(declined.id(), alice.id());
        assertThat(after.status()).isEqualTo(TransferStatus.DECLINED);
        assertThat(after.declineReason()).isEqualTo("Not for me");
    }

    @Test
    void anotherTransfersTokenIsNotValidHere() throws Exception {
        Account other = fixtures.paidAccount(alice, "4.99", BillingCycle.MONTHLY, 3);
        Transfer toBob = start(aliceSite, bob.email());
        String bobsToken = tokenMailedTo(bob.email(), toBob);
        String visitor = "fay-" + Fixtures.unique() + "@example.test";
        Transfer toVisitor = start(other, visitor);
        String visitorsToken = tokenMailedTo(visitor, toVisitor);

        assertInvalidLink(get("/transfers/" + toBob.id()).param("token", visitorsToken));
        assertInvalidLink(get("/transfers/" + toVisitor.id()).param("token", bobsToken));
        assertInvalidLink(get("/signup").param("transfer", toVisitor.id().toString()).param("token", bobsToken));

        assertThat(transfers.get(toBob.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
        assertThat(transfers.get(toVisitor.id(), alice.id()).status()).isEqualTo(TransferStatus.PENDING);
        assertThat(profiles.findByEmail(visitor)).isEmpty();
    }

    // --- helpers

    private HtmlPage assertInvalidLink(MockHttpServletRequestBuilder request) throws Exception {
        HtmlPage page = HtmlPage.of(pages.perform(request.header("Accept-Language", "en")).andReturn(), 404);
        assertThat(page.text("//h1")).isEqualTo("This link is not valid or no longer active");
        assertThat(page.text("//main")).contains("Nothing was changed");
        assertThat(page.has("//form[contains(@action,'/accept')]")).isFalse();
        return page;
    }

    private Transfer start(Account account, String recipient) {
        return transfers.start(alice.id(), new TransferService.StartRequest(account.name(), recipient,
                BillingMode.IMMEDIATE), null, new Actor(alice.email(), "127.0.0.1")).transfer();
    }

    /**
     * The token of the accept link in the offer mail, as the recipient received it, once it works: the mail leaves
     * inside the notify step's transaction, so its token is stored a moment after the mail arrives.
     */
    private String tokenMailedTo(String recipient, Transfer transfer) {
        String link = mailbox.awaitMail(recipient, "").linkPath();
        String token = link.substring(link.indexOf("token=") + "token=".length());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> transfers.byLink(transfer.id(), token).isPresent());
        return token;
    }

    /** The sign-in form posted in the visitor's session, where the page they wanted was saved. */
    private static RequestBuilder signIn(Profile profile, MockHttpSession session) {
        return post("/login").with(csrf()).session(session).param("username", profile.email())
                .param("password", Fixtures.PASSWORD);
    }
}
