package net.hosting.accounttransfer.embedded;

import java.time.LocalDate;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import net.hosting.accounttransfer.profile.VatNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo customers of PRODUCT.md, created once in the embedded default; a restart finds Alice and leaves
 * everything as it is.
 */
@Component
@ConditionalOnProperty(name = "app.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ProfileRepository profiles;
    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final Ledger ledger;
    private final PasswordEncoder passwords;
    private final BillingCalendar calendar;

    DemoData(ProfileRepository profiles, AccountRepository accounts, SubscriptionRepository subscriptions,
            Ledger ledger, PasswordEncoder passwords, BillingCalendar calendar) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.passwords = passwords;
        this.calendar = calendar;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (profiles.existsByEmail("alice@example.com")) {
            log.info("Demo data already present");
            return;
        }
        LocalDate today = calendar.today();
        Profile alice = profile("alice@example.com", "Alice Martin", "Martin Conseil SARL",
                "12 rue des Lilas\n75011 Paris\nFrance", "FR", null, Profile.Language.FR);
        Profile bob = profile("bob@example.com", "Bob Smith", "Smith Web SRL",
                "Rue de la Loi 16\n1000 Bruxelles\nBelgium", "BE", VatNumber.of("BE0123456749", "BE"),
                Profile.Language.EN);
        profile("carol@example.com", "Carol Dupont", null, "Friedrichstraße 43\n10117 Berlin\nGermany", "DE", null,
                Profile.Language.EN);

        account(alice, "alice-site", "Cloud S", "9.99", BillingCycle.MONTHLY, today.minusDays(10), today);
        account(alice, "alice-shop", "Cloud M", "119.88", BillingCycle.YEARLY, today.minusDays(100), today);
        account(bob, "bob-blog", "Cloud XS", "4.99", BillingCycle.MONTHLY, today.minusDays(20), today);
        log.info("Demo data created: alice@example.com, bob@example.com and carol@example.com, password '{}'", PASSWORD);
    }

    private Profile profile(String email, String name, String company, String address, String country,
            VatNumber vatNumber, Profile.Language locale) {
        return profiles.save(new Profile(email, passwords.encode(PASSWORD), name, company, address, country,
                vatNumber, locale, calendar.now()));
    }

    /** An account whose current period began on {@code anchor}, with that period's invoice already paid. */
    private void account(Profile owner, String name, String plan, String price, BillingCycle cycle, LocalDate anchor,
            LocalDate today) {
        Account account = accounts.save(new Account(name, owner.id(), calendar.now()));
        Subscription subscription = subscriptions.save(Subscription.open(account.id(), owner.id(), plan,
                Money.euros(price), cycle, anchor, today));
        ledger.invoice("demo:" + name + ":" + subscription.currentPeriod().start(),
                owner.billingIdentity(), owner.id(),
                subscription, name, subscription.currentPeriod(), subscription.price());
    }
}
