package net.hosting.accounttransfer.transfer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferService;
import net.hosting.accounttransfer.transfer.TransferStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer pages in a real browser (Debian's headless Chromium), as customers click them: a transfer offered,
 * previewed, accepted from the emailed link, billed and seen by both sides; a transfer cancelled; a recipient
 * without a profile signing up from the link and declining. Screenshots of each main page go to
 * {@code target/screenshots/}. Without Chromium these tests are skipped, and say why.
 */
class CustomerPagesBrowserTests extends FixedDateIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Autowired
    TransferService transfers;

    @Autowired
    ProfileService profiles;

    private ChromeDriver browser;
    private Path userDataDir;

    @BeforeEach
    void browser() throws IOException {
        // per test rather than per class, so that each browser test is reported as skipped, with this reason
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser test skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: no ChromeDriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        // the driver and browser are Debian's own, so Selenium Manager never tries to download one; the driver
        // stops its service when it quits, hence one service per test
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        userDataDir = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + userDataDir, "--window-size=1280,900", "--lang=en-US");
        // the console tells what the Content-Security-Policy blocked (S12), which closeBrowser() asserts is nothing
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        java.util.List<String> blocked = java.util.List.of();
        if (browser != null) {
            blocked = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(org.openqa.selenium.logging.LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy")).toList();
            browser.quit();
        }
        assertThat(blocked).as("what the pages' Content-Security-Policy blocked").isEmpty();
        if (userDataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(userDataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Scenarios 1 to 3: offered with a preview, accepted from the mail's link, completed, seen on both sides. */
    @Test
    void aliceTransfersHerAccountToBobWhoAcceptsFromTheMailAndBothSeeTheOutcome() {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account site = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, LocalDate.parse("2028-02-19"));
        // B4 by hand, accepted on 2028-02-29 in the month [2028-02-19, 2028-03-19): 9.99 × 19 / 29 = 6.5452 → 6.55
        // net, V4: 6.55 × 20% = 1.31 VAT, 7.86 back; Bob, French too, pays 9.99 + 2.00 VAT = 11.99
        BigDecimal refund = new BigDecimal("7.86");

        // 1. Alice signs in, chooses the account and Bob, reads the preview, confirms
        open("/login");
        screenshot("01-sign-in");
        signIn(alice);
        assertThat(heading()).isEqualTo("Abonnements");
        assertThat(browser.findElement(By.cssSelector("html")).getDomAttribute("lang")).isEqualTo("fr");
        assertThat(text("tr[data-account='" + site.name() + "']")).contains("9,99").contains("Mensuel");
        screenshot("02-accounts");

        click(By.linkText("Céder à un autre utilisateur"));
        assertThat(heading()).isEqualTo("Céder à un autre utilisateur");
        WebElement choice = browser.findElement(By.cssSelector(".choice[data-account='" + site.name() + "']"));
        choice.findElement(By.cssSelector("input[type=checkbox]")).click();
        choice.findElement(By.cssSelector("input[type=email]")).sendKeys(bob.email());
        browser.findElement(By.id("mode-immediate")).click();
        screenshot("03-transfer-choose");
        click(By.cssSelector("form button[type=submit].primary"));

        assertThat(heading()).isEqualTo("Vérifiez avant de confirmer");
        WebElement line = browser.findElement(By.cssSelector("tr[data-account='" + site.name() + "']"));
        assertThat(line.findElement(By.cssSelector("td.charge data")).getDomAttribute("value")).isEqualTo("11.99");
        // textContent, since WebDriver's getText turns the no-break spaces of French money into plain ones
        assertThat(line.findElement(By.cssSelector("td.charge .tax-detail")).getDomProperty("textContent"))
                .isEqualTo("(9,99\u00a0€ HT + TVA 20\u00a0% 2,00\u00a0€)");
        assertThat(line.findElement(By.cssSelector("td.refund .tax-detail")).getDomProperty("textContent"))
                .isEqualTo("(6,55\u00a0€ HT + TVA 20\u00a0% 1,31\u00a0€)");
        WebElement shownRefund = line.findElement(By.cssSelector("td.refund data"));
        assertThat(shownRefund.getDomAttribute("value")).isEqualTo(refund.toPlainString());
        assertThat(shownRefund.getText()).startsWith(refund.toPlainString().replace('.', ',')).endsWith("€");
        assertThat(line.getText()).contains(bob.email());
        screenshot("04-preview");
        click(By.id("confirm"));

        assertThat(heading()).isEqualTo("Cessions");
        WebElement sent = sentCard(site.name());
        assertThat(sent.getDomAttribute("data-status")).isEqualTo("PENDING");
        assertThat(sent.getText()).contains(bob.email()).contains("En attente");
        UUID id = UUID.fromString(sent.getDomAttribute("data-transfer-id"));
        assertThat(sent.getText()).contains(id.toString());
        screenshot("05-transfers-sent");
        signOut();

        // 2. Bob opens the link from the mail, signs in, and accepts
        Mailbox.Mail offer = awaitOffer(bob.email(), site.name(), id);
        assertThat(offer.link()).startsWith(PUBLIC_URL + "/transfers/" + id + "?token=");
        open(offer.linkPath());
        assertThat(heading()).contains(site.name());
        assertThat(browser.findElements(By.cssSelector("button.accept"))).isEmpty();
        assertThat(browser.findElements(By.id("sign-up"))).as("Bob has a profile").isEmpty();
        screenshot("06-accept-page-visitor");
        click(By.id("sign-in"));
        signIn(bob);

        // the saved request brought Bob back to the offer
        assertThat(browser.getCurrentUrl()).contains("/transfers/" + id);
        assertThat(text("main")).contains(id.toString()).contains(alice.email()).contains("On acceptance");
        assertThat(browser.findElement(By.cssSelector(".cost .refund data")).getDomAttribute("value"))
                .isEqualTo(refund.toPlainString());
        screenshot("07-accept-page");
        click(By.cssSelector("button.accept"));
        assertThat(text("p.notice")).contains("You accepted the transfer");

        // the link was for a pending offer: now it is stale, says so, and changes nothing
        open(offer.linkPath());
        assertThat(heading()).isEqualTo("This link is not valid or no longer active");
        screenshot("08-invalid-link");

        // 3. both see the outcome; Alice has her credit note
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> transfers.get(id, alice.id()).status() == TransferStatus.COMPLETED);
        open("/transfers");
        WebElement received = card("#received", site.name());
        assertThat(received.getDomAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(received.getText()).contains("Completed").contains("Accepted on").contains("Completed on");
        screenshot("09-transfers-bob");
        signOut();

        signIn(alice);
        open("/transfers");
        WebElement done = sentCard(site.name());
        assertThat(done.getDomAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(done.getText()).contains("Terminée").contains(refund.toPlainString().replace('.', ','));
        open("/history");
        WebElement creditNote = browser.findElement(By.cssSelector("table.invoices tr[data-kind='CREDIT_NOTE']"));
        assertThat(creditNote.getText()).contains("Avoir").contains(site.name()).contains(alice.name())
                .contains(alice.email());
        assertThat(creditNote.findElements(By.cssSelector("data"))).extracting(data -> data.getDomAttribute("value"))
                .containsExactly("6.55", "1.31", refund.toPlainString());
        assertThat(creditNote.findElement(By.cssSelector("td.vat")).getDomProperty("textContent")).contains("20\u00a0%")
                .contains("TVA du pays du vendeur");
        assertThat(text("table.activity")).contains("Cession proposée");
        screenshot("10-history");
        // D1: the link beside the credit note downloads its PDF, a PDF/A-3 with its Factur-X XML
        Path downloads = userDataDir.resolve("downloads");
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        String creditNoteNumber = creditNote.getDomAttribute("data-number");
        creditNote.findElement(By.cssSelector("a.pdf")).click();
        Path pdf = downloads.resolve("avoir-" + creditNoteNumber + ".pdf");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(pdf) && Files.size(pdf) > 0);
        assertThat(readAll(pdf)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (var document = org.apache.pdfbox.Loader.loadPDF(readAll(pdf))) {
            assertThat(document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsKey("factur-x.xml");
        } catch (IOException e) {
            throw new IllegalStateException("the downloaded " + pdf + " is no PDF", e);
        }
        open("/profile");
        assertThat(heading()).isEqualTo("Profil");
        assertThat(text(".callout")).contains("Les prochaines factures");
        screenshot("11-profile");
        open("/");
        assertThat(browser.findElements(By.cssSelector("tr[data-account='" + site.name() + "']")))
                .as("the account is Bob's now").isEmpty();
    }

    /** Scenario 4: Alice starts another transfer, by keyboard, and cancels it from the Transfers tab. */
    @Test
    void aliceStartsATransferAndCancelsIt() {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        Account shop = fixtures.paidAccount(alice, "119.88", BillingCycle.YEARLY, 100);
        String recipient = "gina-" + Fixtures.unique() + "@example.test";

        signIn(alice);
        open("/accounts/transfer?account=" + shop.name());
        WebElement choice = browser.findElement(By.cssSelector(".choice[data-account='" + shop.name() + "']"));
        assertThat(choice.findElement(By.cssSelector("input[type=checkbox]")).isSelected()).isTrue();
        WebElement email = choice.findElement(By.cssSelector("input[type=email]"));
        email.sendKeys(recipient);
        // the billing mode by keyboard: Tab reaches the radio group, Space and the arrows choose, Enter submits
        email.sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.SPACE);
        WebElement atRenewal = browser.findElement(By.id("mode-at-renewal"));
        if (!atRenewal.isSelected()) {
            browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        }
        assertThat(atRenewal.isSelected()).isTrue();
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Voir ce que cela coûte");
        navigate(() -> browser.switchTo().activeElement().sendKeys(Keys.ENTER));

        assertThat(heading()).isEqualTo("Vérifiez avant de confirmer");
        assertThat(text("tr[data-account='" + shop.name() + "'] td.refund")).contains("Rien");
        click(By.id("confirm"));

        WebElement sent = sentCard(shop.name());
        UUID id = UUID.fromString(sent.getDomAttribute("data-transfer-id"));
        navigate(sent.findElement(By.cssSelector("button.cancel"))::click);

        assertThat(text("p.notice")).contains("Vous avez annulé la cession");
        assertThat(browser.findElement(By.cssSelector("main")).getDomAttribute("data-status")).isEqualTo("CANCELLED");
        assertThat(browser.findElements(By.cssSelector("button.cancel"))).isEmpty();
        screenshot("12-transfer-cancelled");
        assertThat(transfers.get(id, alice.id()).status()).isEqualTo(TransferStatus.CANCELLED);
        mailbox.awaitMail(recipient, shop.name());
    }

    /** Scenario 5: a recipient with no profile creates one from the emailed link, and declines. */
    @Test
    void aRecipientWithoutProfileSignsUpFromTheLinkAndDeclines() {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        Account site = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 5);
        String harry = "harry-" + Fixtures.unique() + "@example.test";
        Transfer transfer = transfers.start(alice.id(), new TransferService.StartRequest(site.name(), harry,
                BillingMode.AT_RENEWAL), null, new Actor(alice.email(), "127.0.0.1")).transfer();

        open(awaitOffer(harry, site.name(), transfer.id()).linkPath());
        assertThat(text("main")).contains(transfer.id().toString()).contains(alice.email());
        click(By.id("sign-up"));

        assertThat(heading()).isEqualTo("Create your profile");
        WebElement email = browser.findElement(By.id("email"));
        assertThat(email.getDomProperty("value")).isEqualTo(harry);
        assertThat(email.getDomAttribute("readonly")).isNotNull();
        browser.findElement(By.id("name")).sendKeys("Harry");
        browser.findElement(By.id("password")).sendKeys("short");
        browser.findElement(By.id("passwordConfirmation")).sendKeys("short");
        click(By.cssSelector("main form button[type=submit]"));
        assertThat(text("#password-error")).contains("at least 8 characters");
        assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Harry");
        browser.findElement(By.id("password")).sendKeys("harry-secret-1");
        browser.findElement(By.id("passwordConfirmation")).sendKeys("harry-secret-1");
        screenshot("13-sign-up");
        click(By.cssSelector("main form button[type=submit]"));

        assertThat(browser.getCurrentUrl()).endsWith("/transfers/" + transfer.id());
        assertThat(text("p.notice")).contains(harry);
        assertThat(text(".sign-out .who")).isEqualTo(harry);
        browser.findElement(By.id("reason-" + transfer.id())).sendKeys("Wrong person, sorry");
        click(By.cssSelector("button.decline"));

        assertThat(text("p.notice")).contains("You declined the transfer");
        assertThat(text("main")).contains("Declined").contains("Wrong person, sorry");
        screenshot("14-declined");
        Transfer declined = transfers.get(transfer.id(), alice.id());
        assertThat(declined.status()).isEqualTo(TransferStatus.DECLINED);
        assertThat(declined.declineReason()).isEqualTo("Wrong person, sorry");
        assertThat(profiles.findByEmail(harry)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("Harry"));
    }

    /**
     * The offer mail, once its link works: the mail leaves inside the notify step's transaction, so the token is
     * stored a moment after the mail arrives (a person is never that fast; a test is).
     */
    private Mailbox.Mail awaitOffer(String recipient, String account, UUID transferId) {
        Mailbox.Mail offer = mailbox.awaitMail(recipient, account);
        String token = offer.linkPath().substring(offer.linkPath().indexOf("token=") + "token=".length());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> transfers.byLink(transferId, token).isPresent());
        return offer;
    }

    // --- what a customer does

    private void signIn(Profile who) {
        if (!browser.getCurrentUrl().contains("/login")) {
            open("/login");
        }
        browser.findElement(By.id("username")).sendKeys(who.email());
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        click(By.cssSelector("main form button[type=submit]"));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".sign-out")));
    }

    private void signOut() {
        click(By.cssSelector(".sign-out button"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?signedOut");
    }

    /**
     * Clicks (or types into) something that loads another page, and waits until it has: a mark left on the old
     * window object is gone once the new document stands. Chromium may answer a look at the old document with an
     * error while it is being replaced, so errors during the wait only mean "not yet".
     */
    private void navigate(Runnable action) {
        ((JavascriptExecutor) browser).executeScript("window.__previousPage = true;");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(driver ->
                Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "return window.__previousPage === undefined && document.readyState === 'complete';")));
    }

    private void click(By button) {
        WebElement element = browser.findElement(button);
        navigate(element::click);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private String heading() {
        return text("h1");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private WebElement sentCard(String account) {
        return card("#sent", account);
    }

    /** The card of a transfer of {@code account} in the section after the heading {@code section}. */
    private WebElement card(String section, String account) {
        return browser.findElement(By.xpath("//section[h2[@id='" + section.substring(1) + "']]"
                + "//article[.//h3/a[contains(., '" + account + "')]]"));
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file, e);
        }
    }

    /** The whole page, not just the window, through the DevTools protocol Chromium speaks. */
    private void screenshot(String name) {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new IllegalStateException("could not save screenshot " + name, e);
        }
    }

    /** B4 worked by hand for a monthly €9.99 period that began on {@code start}, accepted today. */
}
